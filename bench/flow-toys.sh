#!/usr/bin/env bash
# Benchmark: the flows (NICE, RealNVP, Glow-style) on the 2-D toys with their default settings.
# Per run: the exact test NLL beside the true distribution's floor (ring8, grid25: the mixture's
# NLL of the same test points; checkerboard: its entropy log 32), and on ring8 and grid25 the
# modes covered and the high-quality share from 2,500 samples, counted as for the GAN
# (bench/gan-modes.sh), plus the time to draw 100 samples.
#
# Usage: bench/flow-toys.sh [OUTDIR] [SEEDS...]     (default seeds: 0 1)
#   GENZOO_JOBS runs (default 2) go at once, one engine thread each; MODELS and DATAS (space-separated)
#   pick a subset (default: nice realnvp glow; moons ring8 checkerboard grid25).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench-out/flow-toys}"; shift || true
seeds=("$@"); [[ ${#seeds[@]} -gt 0 ]] || seeds=(0 1)
# a snapshot of the jar, so a rebuild during the benchmark cannot change it
build=$(dirname "${GENZOO_JAR:-target/genzoo.jar}")
snap=$(mktemp -d); cp -r "$build/genzoo.jar" "$build/lib" "$snap"/
export GENZOO_JAR="$snap/genzoo.jar" GENZOO_THREADS=1 out
mkdir -p "$out"
one() {
  local model=$1 data=$2 seed=$3
  local dir="$out/$model-$data-$seed"
  ./genzoo train "$model" --data "$data" --seed "$seed" --out "$dir" --resume --quiet > /dev/null
  ./genzoo eval "$dir" --json --quiet > "$dir/eval.json"
  python3 - "$dir" "$model" "$data" "$seed" <<'PY'
import json,sys
d,model,data,seed=sys.argv[1:]
m=json.load(open(d+"/eval.json"))["metrics"]; t=json.load(open(d+"/metrics.json"))["train"]
floor=m.get("true_nll",m.get("data_entropy",{})).get("value",float("nan"))
modes=f" modes={m['modes']['value']:.0f}/{m['modes']['unit'].split()[-1]} high_quality={m['high_quality']['value']:.1f}%" if "modes" in m else ""
sys.stdout.write(f"{model} {data} seed={seed} nll={m['nll']['value']:.3f} floor={floor:.3f}{modes} "
                 f"sample_ms100={m['sample_time']['value']:.2f} epochs={t['epochs']} train_s={t['seconds']:.0f} ex_per_s={t['examplesPerSecond']:.0f}\n")
PY
}
export -f one
for data in ${DATAS:-moons ring8 checkerboard grid25}; do for model in ${MODELS:-nice realnvp glow}; do for seed in "${seeds[@]}"; do
  echo "$model $data $seed"; done; done; done \
  | xargs -P "${GENZOO_JOBS:-2}" -L 1 bash -c 'one "$@"' _ | tee "$out.unsorted"
sort "$out.unsorted" > "$out.txt"; rm "$out.unsorted"
python3 - "$out.txt" <<'PY'
import re,sys,collections
rows=collections.defaultdict(list)
for l in open(sys.argv[1]):
    f=dict(kv.split("=",1) for kv in l.split()[2:])
    rows[(l.split()[0],l.split()[1])].append(f)
for (model,data),v in sorted(rows.items()):
    nll=sum(float(f["nll"]) for f in v)/len(v); floor=sum(float(f["floor"]) for f in v)/len(v)
    s=f"{model} {data}: mean test NLL {nll:.3f} (floor {floor:.3f}) over {len(v)} seeds"
    if "modes" in v[0]:
        mm=[int(f["modes"].split("/")[0]) for f in v]; tot=v[0]["modes"].split("/")[1]
        hq=sum(float(f["high_quality"].rstrip("%")) for f in v)/len(v)
        s+=f", modes {sum(mm)/len(mm):.1f}/{tot} (all on {sum(str(x)==tot for x in mm)}/{len(v)}), high quality {hq:.1f}%"
    print(s)
PY
echo "command: MODELS='${MODELS:-nice realnvp glow}' DATAS='${DATAS:-moons ring8 checkerboard grid25}' bench/flow-toys.sh $out ${seeds[*]}"
