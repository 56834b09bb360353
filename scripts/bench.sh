#!/usr/bin/env bash
# The benchmark of docs/performance.md: for each estate size, generate the estate (cached), run
# `erlint audit` end to end with all three reports, and beside it the parse floor on the same
# files (Python's json.load over every JSON file plus `xmllint --noout` over every XML file).
# Prints one table row per size: input MB, erlint seconds and MB/s, floor seconds, the ratio
# erlint/floor, seconds per stage, peak RSS and peak allocated (anonymous) memory
# (scripts/peak-memory.py says how each is taken). Each side runs RUNS times (default 3), the two
# taking turns, and the fastest run of each is reported: the machines this runs on are shared,
# and a run can lose a third of its speed to a neighbour.
#
#   scripts/bench.sh                      sizes 100 and 1000
#   SIZES="100 1000 10000" scripts/bench.sh
#   RUNS=1 scripts/bench.sh               one run per side
#   BENCH_DIR=/dev/shm/erlint-bench scripts/bench.sh   where estates are generated (default
#                                         /tmp/erlint-bench); on tmpfs an estate larger than the
#                                         page cache keeps is read from memory, not from disk
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"100 1000"}
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/erlint-bench}
mkdir -p "$dir"
swift build -c release -q
erlint=.build/release/erlint

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)"
echo
echo "| customers | input MB | erlint s | MB/s | floor s | erlint/floor | prepare s | read s | graph s | rules s | batches s | reports s | peak RSS MB | peak allocated MB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for n in $sizes; do
  estate="$dir/estate-$n"
  if [[ ! -f "$estate/manifest.yaml" ]]; then
    rm -rf "$estate"
    "$erlint" generate --customers "$n" --seed 1 --output "$estate" >/dev/null
  fi
  mb=$(du -sm --apparent-size "$estate" | cut -f1)
  out="$dir/reports-$n"
  # Warm the page cache so both sides read from memory.
  find "$estate" -type f -exec cat {} + > /dev/null
  best="" failed=""
  # erlint and the floor take turns, run by run, so that both meet the machine in the same
  # state: measured one after the other, a neighbour's load that came or went between them
  # moved the ratio by a third.
  floor=""
  for ((r = 1; r <= runs; r++)); do
    rm -rf "$out"
    set +e
    scripts/peak-memory.py "$dir/time-$n" -- "$erlint" audit "$estate" --format html,junit,sarif --output "$out" \
      --fail-on never --no-timestamp --timings --progress never 2> "$dir/stderr-$n" > /dev/null
    status=$?
    set -e
    if [[ $status != 0 ]]; then failed="exit $status: $(tail -1 "$dir/stderr-$n")"; break; fi
    read -r seconds rss anon < <(tail -1 "$dir/time-$n")
    if [[ -z "$best" ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$seconds best_rss=$rss best_anon=$anon
      timings=$(grep 'timings:' "$dir/stderr-$n" | sed 's/.*timings: //')
    fi
    floor_start=$(date +%s.%N)
    find "$estate" -name '*.json' -print0 | xargs -0 python3 -c 'import json, sys
for f in sys.argv[1:]:
    with open(f, "rb") as h: json.load(h)'
    find "$estate" -name '*.xml' -print0 | xargs -0 xmllint --noout
    f=$(awk -v a="$floor_start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    if [[ -z "$floor" ]] || awk -v a="$f" -v b="$floor" 'BEGIN { exit !(a < b) }'; then floor=$f; fi
  done
  if [[ -n "$failed" ]]; then
    echo "| $n | $mb | failed ($failed) | | | | | | | | | | | |"
    continue
  fi
  stage() { echo "$timings" | grep -o "$1 [0-9.]*" | cut -d' ' -f2; }
  awk -v n="$n" -v mb="$mb" -v s="$best" -v f="$floor" -v p="$(stage prepare)" -v r="$(stage read)" -v g="$(stage graph)" \
      -v u="$(stage rules)" -v b="$(stage batches)" -v w="$(stage reports)" -v rss="$best_rss" -v anon="$best_anon" 'BEGIN {
    printf "| %d | %d | %.1f | %.0f | %.1f | %.1f | %s | %s | %s | %s | %s | %s | %.0f | %.0f |\n", n, mb, s, mb / s, f, s / f, p, r, g, u, b, w, rss / 1024, anon / 1024 }'
done
