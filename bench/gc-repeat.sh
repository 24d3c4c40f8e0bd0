#!/usr/bin/env bash
# Repeats one seeded training N times and counts the distinct results (md5 of model.params), with
# optional JVM options such as "-XX:+UseSerialGC -Xmn2m" (a 2 MB young generation: a garbage
# collection every few steps), to show whether a collection inside a step changes the result.
#   bench/gc-repeat.sh GENZOO_DIR gan|vae N [THREADS] [JVM options...]
# GENZOO_DIR holds the launcher and target/ of the build under test (a checkout of another commit
# lets two builds alternate). Prints one line per run and a summary.
set -euo pipefail
dir=$1; model=$2; n=$3; threads=${4:-1}; shift $(( $# >= 4 ? 4 : 3 )); opts="$*"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
case $model in
  gan) args=(train gan --data ring8 --epochs 3) ;;
  vae) args=(train vae --data mnist --limit 3000 --epochs 2) ;;
  *) echo "model: gan or vae" >&2; exit 2 ;;
esac
echo "command: GENZOO_JAVA_OPTS=\"$opts\" $dir/genzoo ${args[*]} --threads $threads --out RUN --quiet"
for i in $(seq 1 "$n"); do
  t0=$(date +%s)
  GENZOO_JAVA_OPTS="$opts" nice -n 19 "$dir/genzoo" "${args[@]}" --threads "$threads" --out "$tmp/r$i" --quiet > /dev/null
  sum=$(md5sum < "$tmp/r$i/model.params" | cut -c1-12)
  echo "run $i: $sum $(( $(date +%s) - t0 )) s, load $(cut -d' ' -f1 /proc/loadavg)"
  echo "$sum" >> "$tmp/sums"
  rm -rf "$tmp/r$i"
done
echo "distinct results in $n runs:"
sort "$tmp/sums" | uniq -c | sort -rn
