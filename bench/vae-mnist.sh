#!/usr/bin/env bash
# Benchmark: VAE (784-500-500-50, Bernoulli decoder, ELBO objective, Adam 1e-3, batch 100) on
# dynamically binarised MNIST. Trains in stages with --resume and scores the test NLL with the
# IWAE bound (k=5000) after each stage, so the output is a curve of NLL against training time.
# Usage: bench/vae-mnist.sh [OUTDIR] [STAGES...]   (default stages: 25 75 150 300 500 epochs)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench-out/vae-mnist}"; shift || true
stages=("${@:-25 75 150 300 500}")
read -r -a stages <<< "${stages[*]}"
# Run from a private copy of the build, so that rebuilding the tree cannot pull the jar from
# under a running benchmark.
build=$(dirname "${GENZOO_JAR:-target/genzoo.jar}")
snap=$(mktemp -d); cp -r "$build/genzoo.jar" "$build/lib" "$snap"/; export GENZOO_JAR="$snap/genzoo.jar"
./genzoo data fetch mnist
for e in "${stages[@]}"; do
  ./genzoo train vae --data mnist --epochs "$e" --out "$out" --resume --quiet
  secs=$(python3 -c "import json;print(round(json.load(open('$out/metrics.json'))['train']['seconds'],1))")
  limit=2000; [[ "$e" == "${stages[-1]}" ]] && limit=0
  nll=$(./genzoo eval "$out" --metrics nll --k 5000 --limit "$limit" --json --quiet \
        | python3 -c "import json,sys;print(round(json.load(sys.stdin)['metrics']['nll']['value'],2))")
  echo "epochs=$e train_seconds=$secs test_examples=$([[ $limit == 0 ]] && echo 10000 || echo $limit) iwae5000_nll_upper_bound=$nll"
done
