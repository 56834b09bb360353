#!/usr/bin/env bash
# Regenerates reports/ from samples/ (a test fails when they are stale).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q
.build/debug/erlint inventory samples/contoso --format json > reports/inventory.json
.build/debug/erlint inventory samples/contoso --format text > reports/inventory.txt
echo "reports/ regenerated"
