#!/usr/bin/env bash
# Benchmark: VAE training throughput on MNIST (784-500-500-50, batch 100; `genzoo bench
# throughput`, trainer figure) for the engine-thread settings that the launcher could default to,
# with the machine idle or under a load that this script starts itself.
#
# Usage: bench/threads.sh LOAD [REPEATS] [STEPS]
#   LOAD: idle | spin1 | spin2 (1 or 2 busy-loop processes) | train (a second VAE training at
#   the candidate's own setting, as when two genzoo runs share the machine)
#   Each candidate runs REPEATS times (default 3), alternating, STEPS steps each (default 200).
# Run it while nothing else runs (e.g. under `flock /tmp/genzoo-cpu.lock`).
set -euo pipefail
cd "$(dirname "$0")/.."
load="${1:?usage: bench/threads.sh idle|spin1|spin2|train [REPEATS] [STEPS]}"
repeats="${2:-3}"; steps="${3:-200}"
build=$(dirname "${GENZOO_JAR:-target/genzoo.jar}")
snap=$(mktemp -d); cp -r "$build/genzoo.jar" "$build/lib" "$snap"/
export GENZOO_JAR="$snap/genzoo.jar"
# name | environment | flags. PyTorch's CPU build here uses GNU OpenMP (libgomp): with
# OMP_WAIT_POLICY unset it spins 300,000 times at a barrier before it sleeps; GOMP_SPINCOUNT set
# explicitly overrides the spin count whatever the policy, so the first candidate is that default
# whatever the launcher sets.
candidates=(
  "2 threads, spin (libgomp's default)|OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=300000|--threads 2"
  "2 threads, OMP_WAIT_POLICY=PASSIVE|OMP_WAIT_POLICY=PASSIVE|--threads 2"
  "default: idle cores at start|GOMP_SPINCOUNT=300000|"
  "1 thread|OMP_WAIT_POLICY=ACTIVE GOMP_SPINCOUNT=300000|--threads 1"
)
pids=()
stop_load() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=(); }
trap stop_load EXIT
start_load() {  # $1 = the candidate's environment and flags, for the 'train' load
  case "$load" in
    idle) ;;
    spin1) (while :; do :; done) & pids+=($!) ;;
    spin2) (while :; do :; done) & pids+=($!); (while :; do :; done) & pids+=($!) ;;
    train) env $1 ./genzoo train vae --data mnist --epochs 1000 --limit 10000 --quiet --out "$snap/load-run" \
             $2 > /dev/null 2>&1 & pids+=($!); sleep 5 ;;
    *) echo "unknown load $load" >&2; exit 2 ;;
  esac
}
busy_cores() {  # cores kept busy by all processes over one second, from /proc/stat
  local a b
  a=($(head -1 /proc/stat)); sleep 1; b=($(head -1 /proc/stat))
  echo $(( (b[1]+b[2]+b[3]+b[6]+b[7]+b[8] - a[1]-a[2]-a[3]-a[6]-a[7]-a[8]) )) | awk '{printf "%.2f", $1/100}'
}
echo "load=$load repeats=$repeats steps=$steps $(date -u +%FT%TZ) $(nproc) cores"
for r in $(seq "$repeats"); do
  for c in "${candidates[@]}"; do
    IFS='|' read -r name envs flags <<< "$c"
    before=$(busy_cores)  # what else ran (outside this script) just before
    start_load "$envs" "$flags"
    # a run that collapses is cut off after 150 s rather than holding the machine for minutes
    line=$(env $envs timeout 150 ./genzoo bench throughput --steps "$steps" --repeats 1 $flags | grep '^repeat 1' \
           || echo "cut off after 150 s: below $((steps * 200 / 150)) examples/s")
    stop_load; wait 2>/dev/null || true; rm -rf "$snap/load-run"
    echo "$name: $line (busy cores before its load started: $before)"
  done
done
