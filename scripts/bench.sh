#!/usr/bin/env bash
# The benchmark of docs/performance.md: for each estate size, generate the estate (cached), run
# `erlint audit` end to end with all three reports, and beside it the parse floor on the same
# files (Python's json.load over every JSON file plus `xmllint --noout` over every XML file).
# Prints one table row per size: input MB, erlint seconds and MB/s, floor seconds, the ratio
# erlint/floor, seconds per stage, and peak RSS.
#
#   scripts/bench.sh                      sizes 100 and 1000
#   SIZES="100 1000 10000" scripts/bench.sh
#   BENCH_DIR=/data/erlint-bench scripts/bench.sh   where estates are generated (default /tmp/erlint-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"100 1000"}
dir=${BENCH_DIR:-/tmp/erlint-bench}
mkdir -p "$dir"
swift build -c release -q
erlint=.build/release/erlint

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo
echo "| customers | input MB | erlint s | MB/s | floor s | erlint/floor | read s | graph s | rules s | reports s | peak RSS MB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in $sizes; do
  estate="$dir/estate-$n"
  if [[ ! -f "$estate/manifest.yaml" ]]; then
    rm -rf "$estate"
    "$erlint" generate --customers "$n" --seed 1 --output "$estate" >/dev/null
  fi
  mb=$(du -sm --apparent-size "$estate" | cut -f1)
  out="$dir/reports-$n"
  rm -rf "$out"
  # Warm the page cache so both sides read from memory.
  find "$estate" -type f -exec cat {} + > /dev/null
  set +e
  /usr/bin/time -f "%e %M" -o "$dir/time-$n" "$erlint" audit "$estate" --format html,junit,sarif --output "$out" \
    --fail-on never --no-timestamp --timings --progress never 2> "$dir/stderr-$n" > /dev/null
  status=$?
  set -e
  if [[ $status != 0 ]]; then
    echo "| $n | $mb | failed (exit $status: $(tail -1 "$dir/stderr-$n")) | | | | | | | | |"
    continue
  fi
  read -r seconds rss < <(tail -1 "$dir/time-$n")
  timings=$(grep 'timings:' "$dir/stderr-$n" | sed 's/.*timings: //')
  stage() { echo "$timings" | grep -o "$1 [0-9.]*" | cut -d' ' -f2; }
  floor_start=$(date +%s.%N)
  find "$estate" -name '*.json' -print0 | xargs -0 python3 -c 'import json, sys
for f in sys.argv[1:]:
    with open(f, "rb") as h: json.load(h)' 
  find "$estate" -name '*.xml' -print0 | xargs -0 xmllint --noout
  floor=$(awk -v a="$floor_start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  awk -v n="$n" -v mb="$mb" -v s="$seconds" -v f="$floor" -v r="$(stage read)" -v g="$(stage graph)" \
      -v u="$(stage rules)" -v p="$(stage reports)" -v rss="$rss" 'BEGIN {
    printf "| %d | %d | %.1f | %.0f | %.1f | %.1f | %s | %s | %s | %s | %.0f |\n", n, mb, s, mb / s, f, s / f, r, g, u, p, rss / 1024 }'
done
