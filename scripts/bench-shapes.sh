#!/usr/bin/env bash
# The same estate in the shapes that once made erlint's time grow with the square of the input
# (docs/performance.md, "Export shapes"): for a generated estate of N customers (default 1000),
# the per-customer exports and routers as generated, every export minified onto one line (REST
# API, Resource Graph), every customer's resources in one export (a query across subscriptions),
# and every customer served by two CSP edge routers, a VRF per customer (connect-through).
# Times `erlint audit` with all three reports on each, best of RUNS (default 3), with peak RSS
# and peak allocated memory (scripts/peak-memory.py).
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
csp="$dir/shapes-$customers/csp-routers"
if [[ ! -f "$csp/manifest.yaml" ]]; then
  rm -rf "$dir/shapes-$customers"
  python3 - "$estate" "$minified" "$onefile" "$csp" <<'EOF'
import ipaddress, json, os, shutil, sys
estate, minified, onefile, csp = sys.argv[1:5]
os.makedirs(onefile)
os.makedirs(os.path.join(csp, "routers"))
units, vrfs = {1: [], 2: []}, {1: [], 2: []}
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
            listed = export["value"] if isinstance(export, dict) and "value" in export else [export]
            resources += listed
            customer = os.path.basename(root)
            os.makedirs(os.path.join(csp, customer), exist_ok=True)
            shutil.copy(src, os.path.join(csp, customer, name))
            # This customer's circuit links on the two CSP routers, in a VRF of its own.
            links = {1: [], 2: []}
            for r in listed:
                if r.get("type") != "Microsoft.Network/expressRouteCircuits":
                    continue
                for p in r.get("properties", {}).get("peerings", []):
                    for side, key in ((1, "primaryPeerAddressPrefix"), (2, "secondaryPeerAddressPrefix")):
                        if key in p.get("properties", {}):
                            net = ipaddress.ip_network(p["properties"][key], strict=False)
                            links[side].append((f"{net.network_address + 1}/{net.prefixlen}", str(net.network_address + 2)))
            for side in (1, 2):
                members = []
                for address, _ in links[side]:
                    unit = len(units[side])
                    members.append(f"<interface><name>ae0.{unit}</name></interface>")
                    units[side].append(f"<unit><name>{unit}</name><vlan-id>{unit % 4000 + 1}</vlan-id><family><inet><address><name>{address}</name></address></inet></family></unit>")
                neighbors = "".join(f"<neighbor><name>{n}</name></neighbor>" for _, n in links[side])
                vrfs[side].append(f"<instance><name>{customer}</name><instance-type>vrf</instance-type>{''.join(members)}"
                                  f"<protocols><bgp><group><name>MSEE</name><type>external</type><peer-as>12076</peer-as>{neighbors}</group></bgp></protocols></instance>")
        else:
            shutil.copy(src, dst)
            shutil.copy(src, os.path.join(onefile, name))
with open(os.path.join(onefile, "resource-graph.json"), "w") as f:
    json.dump({"count": len(resources), "data": resources}, f, indent=1)
for side in (1, 2):
    with open(os.path.join(csp, "routers", f"csp-edge-{side}.xml"), "w") as f:
        f.write(f"<configuration><system><host-name>csp-edge-{side}</host-name></system>\n<interfaces><interface><name>ae0</name><vlan-tagging/>\n")
        f.write("\n".join(units[side]))
        f.write("\n</interface></interfaces>\n<routing-options><autonomous-system><as-number>64500</as-number></autonomous-system></routing-options>\n<routing-instances>\n")
        f.write("\n".join(vrfs[side]))
        f.write("\n</routing-instances></configuration>\n")
with open(os.path.join(estate, "manifest.yaml")) as f:
    manifest = f.read().split("\nrouters:")[0].replace("model: connect-to", "model: connect-through")
with open(os.path.join(csp, "manifest.yaml"), "w") as f:
    f.write(manifest + "\nrouters:\n  - {name: csp-edge-1, owner: csp}\n  - {name: csp-edge-2, owner: csp}\n")
EOF
fi
echo "machine: $(nproc) cores, $(uname -sr); $customers customers, best of $runs"
echo
echo "| shape | input MB | erlint s | peak RSS MB | peak allocated MB |"
echo "| --- | --- | --- | --- | --- |"
for shape in "per-customer exports and routers:$estate" "minified (one line each):$minified" "one export for all:$onefile" \
             "two CSP routers for all (VRF each):$csp"; do
  name=${shape%%:*} path=${shape#*:}
  find "$path" -type f -exec cat {} + > /dev/null
  best="" rss="" anon=""
  for ((r = 1; r <= runs; r++)); do
    rm -rf "$dir/shapes-out"
    scripts/peak-memory.py "$dir/shapes-time" -- "$erlint" audit "$path" --format html,junit,sarif --output "$dir/shapes-out" \
      --fail-on never --no-timestamp --progress never > /dev/null 2>&1 || true
    read -r seconds kb anon_kb < "$dir/shapes-time"
    if [[ -z "$best" ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds rss=$kb anon=$anon_kb; fi
  done
  printf "| %s | %d | %.1f | %.0f | %.0f |\n" "$name" "$(du -sm --apparent-size "$path" | cut -f1)" "$best" \
    "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$(awk -v k="$anon" 'BEGIN { print k / 1024 }')"
done
