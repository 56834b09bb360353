#!/usr/bin/env bash
# Regenerates reports/ from samples/contoso (a test fails when they are stale): the audit's HTML,
# JUnit and SARIF reports and its text summary, without a timestamp so they only change when
# erlint's behaviour or the samples do; and the inventory.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -q
# Exit 1 is expected: the samples have planted faults.
.build/debug/erlint audit samples/contoso --format text,html,junit,sarif --output reports --no-timestamp \
  > reports/audit.txt 2>/dev/null || [[ $? == 1 ]]
.build/debug/erlint inventory samples/contoso --format json > reports/inventory.json
.build/debug/erlint inventory samples/contoso --format text > reports/inventory.txt
echo "reports/ regenerated (open reports/erlint.html; scripts/check-html.sh renders it to a PNG)"
