#!/usr/bin/env bash
# Counts the instructions of one `erlint audit` (all three reports) under valgrind's callgrind:
# unlike seconds on these shared machines, the count does not move with the neighbours' load, so
# two builds can be compared one change at a time (docs/performance.md, "Counting instructions").
#
#   scripts/instructions.sh [BINARY] [ESTATE]     default .build/release/erlint and a 100-customer
#                                                 estate generated under $BENCH_DIR (/tmp/erlint-bench)
#
# Prints the total and writes the profile (callgrind.out) beside the estate, for
# `callgrind_annotate`. About 60 times slower than a plain run: some 100 s for 100 customers.
# Needs valgrind (`apt-get install valgrind`). Valgrind 3.19 cannot read the DWARF that Swift 6
# writes, so the binary is copied without its debug sections first (symbols stay).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/erlint}
dir=${BENCH_DIR:-/tmp/erlint-bench}
estate=${2:-$dir/estate-100}
command -v valgrind >/dev/null || { echo "instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }
if [[ ! -f "$estate/manifest.yaml" ]]; then
  [[ -x .build/release/erlint ]] || swift build -c release -q
  mkdir -p "$dir"
  .build/release/erlint generate --customers 100 --seed 1 --output "$estate" >/dev/null
fi
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip --strip-debug -o "$work/erlint" "$binary"
profile="$dir/callgrind.out.$(basename "$binary")"
valgrind --tool=callgrind --callgrind-out-file="$profile" "$work/erlint" audit "$estate" --format html,junit,sarif \
  --output "$work/reports" --fail-on never --no-timestamp --progress never 2> "$work/log" > /dev/null || true
total=$(grep -o 'Collected : [0-9]*' "$work/log" | grep -o '[0-9]*$' || true)
[[ -n "$total" ]] || { cat "$work/log" >&2; exit 1; }
printf "%s: %s instructions (profile: %s)\n" "$binary" "$total" "$profile"
