#!/usr/bin/env bash
# The same estate in the export shapes that once made erlint's time grow with the square of the
# input (docs/performance.md, "Export shapes"): for a generated estate of N customers (default
# 1000), the per-customer exports as generated, every export minified onto one line (REST API,
# Resource Graph), and every customer's resources in one export (a query across subscriptions).
# Times `erlint audit` with all three reports on each, best of RUNS (default 3), with peak RSS.
#
#   scripts/bench-shapes.sh                   1,000 customers under $BENCH_DIR (default /tmp/erlint-bench)
#   CUSTOMERS=100 RUNS=1 scripts/bench-shapes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${CUSTOMERS:-1000}
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/erlint-bench}
mkdir -p "$dir"
swift build -c release -q
erlint=.build/release/erlint
estate="$dir/estate-$customers"
if [[ ! -f "$estate/manifest.yaml" ]]; then
  rm -rf "$estate"
  "$erlint" generate --customers "$customers" --seed 1 --output "$estate" >/dev/null
fi
minified="$dir/shapes-$customers/minified"
onefile="$dir/shapes-$customers/one-file"
if [[ ! -f "$onefile/manifest.yaml" ]]; then
  rm -rf "$dir/shapes-$customers"
  python3 - "$estate" "$minified" "$onefile" <<'EOF'
import json, os, shutil, sys
estate, minified, onefile = sys.argv[1:4]
os.makedirs(onefile)
resources = []
for root, _, names in sorted(os.walk(estate)):
    for name in sorted(names):
        src = os.path.join(root, name)
        dst = os.path.join(minified, os.path.relpath(src, estate))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if name.endswith(".json"):
            with open(src) as f:
                export = json.load(f)
            with open(dst, "w") as f:
                json.dump(export, f, separators=(",", ":"))
            resources += export["value"] if isinstance(export, dict) and "value" in export else [export]
        else:
            shutil.copy(src, dst)
            shutil.copy(src, os.path.join(onefile, name))
with open(os.path.join(onefile, "resource-graph.json"), "w") as f:
    json.dump({"count": len(resources), "data": resources}, f, indent=1)
EOF
fi
echo "machine: $(nproc) cores, $(uname -sr); $customers customers, best of $runs"
echo
echo "| shape | input MB | erlint s | peak RSS MB |"
echo "| --- | --- | --- | --- |"
for shape in "per-customer exports:$estate" "minified (one line each):$minified" "one export for all:$onefile"; do
  name=${shape%%:*} path=${shape#*:}
  find "$path" -type f -exec cat {} + > /dev/null
  best="" rss=""
  for ((r = 1; r <= runs; r++)); do
    rm -rf "$dir/shapes-out"
    /usr/bin/time -f "%e %M" -o "$dir/shapes-time" "$erlint" audit "$path" --format html,junit,sarif --output "$dir/shapes-out" \
      --fail-on never --no-timestamp --progress never > /dev/null 2>&1 || true
    read -r seconds kb < "$dir/shapes-time"
    if [[ -z "$best" ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds rss=$kb; fi
  done
  printf "| %s | %d | %.1f | %.0f |\n" "$name" "$(du -sm --apparent-size "$path" | cut -f1)" "$best" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
done
