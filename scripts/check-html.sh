#!/usr/bin/env bash
# Opens an erlint HTML report in headless Chromium (Debian's `chromium`), fails if the page logs
# anything to the console (errors, uncaught exceptions, blocked requests), and renders it to a PNG
# for a look.
#   scripts/check-html.sh [REPORT.html] [OUT.png]     default: reports/erlint.html -> /tmp/erlint.png
set -euo pipefail
cd "$(dirname "$0")/.."
report="${1:-reports/erlint.html}"
png="${2:-/tmp/erlint.png}"
command -v chromium >/dev/null || { echo "needs chromium (apt-get install chromium)" >&2; exit 2; }
url="file://$(realpath "$report")"
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run)

dom=$(mktemp)
trap 'rm -f "$dom"' EXIT
console=$(timeout 120 chromium "${flags[@]}" --enable-logging=stderr --v=0 --dump-dom "$url" 2>&1 >"$dom" \
  | grep -E ':CONSOLE|Uncaught|ERR_' || true)
if [[ -n "$console" ]]; then
  echo "console output from $report:" >&2
  echo "$console" >&2
  exit 1
fi
# The script ran: it fills in the "N of M findings" counter.
if grep -q 'id="finding-table"' "$dom" && ! grep -qE 'id="shown">[0-9]+ of [0-9]+ findings<' "$dom"; then
  echo "the page's script did not run in $report" >&2
  exit 1
fi
timeout 120 chromium "${flags[@]}" --window-size=1400,3000 --screenshot="$png" "$url" >/dev/null 2>&1
echo "no console output; rendered $png"
