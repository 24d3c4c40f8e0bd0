#!/usr/bin/env bash
# Benchmark: GAN mode coverage on ring8 and grid25 over 10 seeds (2500 samples each; a mode is
# covered with >= 20 samples within 3 std of its centre; high quality = within 3 std of the
# nearest centre), as in VEEGAN and PacGAN.
#
# Usage: bench/gan-modes.sh [OUTDIR] [DATA...] [-- TRAIN-FLAGS...]
#   TRAIN-FLAGS go to `genzoo train gan`, e.g. -- --epochs 200 --set r1=0 --set emaDecay=0
#   GENZOO_JOBS runs (default 2) go at once, one engine thread each.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-bench-out/gan-modes}"; shift || true
flags=(); datas=()
while [[ $# -gt 0 ]]; do if [[ "$1" == "--" ]]; then shift; flags=("$@"); break; fi; datas+=("$1"); shift; done
[[ ${#datas[@]} -gt 0 ]] || datas=(ring8 grid25)
# a snapshot of the jar, so a rebuild during the benchmark cannot change it
build=$(dirname "${GENZOO_JAR:-target/genzoo.jar}")
snap=$(mktemp -d); cp -r "$build/genzoo.jar" "$build/lib" "$snap"/
flags_q=""; [[ ${#flags[@]} -eq 0 ]] || flags_q=$(printf '%q ' "${flags[@]}")
export GENZOO_JAR="$snap/genzoo.jar" GENZOO_THREADS=1 out flags_q
mkdir -p "$out"
one() {
  local data=$1 seed=$2
  local dir="$out/$data-$seed"
  eval "local extra=($flags_q)"
  ./genzoo train gan --data "$data" --seed "$seed" --out "$dir" --resume --quiet "${extra[@]}" > /dev/null
  ./genzoo eval "$dir" --metrics modes --json --quiet > "$dir/modes.json"
  python3 - "$dir" "$data" "$seed" <<'PY'
import json,sys
d=sys.argv[1]; m=json.load(open(d+"/modes.json"))["metrics"]; t=json.load(open(d+"/metrics.json"))["train"]
sys.stdout.write(f"{sys.argv[2]} seed={sys.argv[3]} modes={m['modes']['value']:.0f}/{m['modes']['unit'].split()[-1]} high_quality={m['high_quality']['value']:.1f}% train_s={t['seconds']:.0f}\n")
PY
}
export -f one
for data in "${datas[@]}"; do for seed in 0 1 2 3 4 5 6 7 8 9; do echo "$data $seed"; done; done \
  | xargs -P "${GENZOO_JOBS:-2}" -L 1 bash -c 'one "$@"' _ | tee "$out.unsorted"
sort -k1,1 -k2.6n "$out.unsorted" > "$out.txt"; rm "$out.unsorted"
python3 - "$out.txt" <<'PY'
import re,sys,collections
rows=collections.defaultdict(list)
for l in open(sys.argv[1]):
    m=re.match(r"(\S+) seed=\d+ modes=(\d+)/(\d+) high_quality=([\d.]+)%",l)
    if m: rows[m.group(1)].append((int(m.group(2)),int(m.group(3)),float(m.group(4))))
for k,v in rows.items():
    print(f"{k}: mean modes {sum(a for a,_,_ in v)/len(v):.1f}/{v[0][1]}, all covered in {sum(a==b for a,b,_ in v)}/{len(v)} seeds, mean high quality {sum(c for *_,c in v)/len(v):.1f}%")
PY
echo "command: bench/gan-modes.sh $out ${datas[*]}${flags[*]:+ -- ${flags[*]}}"
