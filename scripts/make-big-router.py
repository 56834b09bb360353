#!/usr/bin/env python3
"""Writes one large Junos config (a PE router with many customer VRFs) for the router-XML memory
and speed measurement in docs/performance.md: python3 scripts/make-big-router.py OUT.xml [MB]."""
import sys

out = sys.argv[1]
target = int(sys.argv[2]) if len(sys.argv) > 2 else 200
target_bytes = target * 1_000_000



def link(i, host):
    """Address `host` of customer i's /30 in 10.0.0.0/8."""
    return f"10.{(i >> 14) & 255}.{(i >> 6) & 255}.{(i & 63) * 4 + host}"


with open(out, "w") as f:
    f.write('<rpc-reply xmlns:junos="http://xml.juniper.net/junos/21.4R3/junos">\n'
            '<configuration xmlns="http://xml.juniper.net/xnm/1.1/xnm" junos:commit-seconds="1795340000">\n'
            '  <system><host-name>pe-big-1</host-name></system>\n')
    # Three sections, written in Junos order; each customer VRF adds ~1.5 KB across them.
    count = target_bytes // 1500
    f.write("  <interfaces>\n")
    for i in range(count):
        f.write(f"    <interface>\n      <name>xe-{(i >> 14) % 8}/{(i >> 12) % 4}/{i % 48}</name>\n      <vlan-tagging/>\n"
                f"      <unit>\n        <name>{100 + i % 3900}</name>\n        <description>customer {i} private peering</description>\n"
                f"        <vlan-id>{100 + i % 3900}</vlan-id>\n"
                f"        <family><inet><address><name>{link(i, 1)}/30</name></address></inet></family>\n"
                f"      </unit>\n    </interface>\n")
    f.write("  </interfaces>\n  <policy-options>\n")
    for i in range(count):
        f.write(f"    <prefix-list>\n      <name>CUST-{i}-ONPREM</name>\n"
                f"      <prefix-list-item><name>172.{16 + (i >> 16) % 16}.{(i >> 8) & 255}.0/24</name></prefix-list-item>\n"
                f"    </prefix-list>\n"
                f"    <policy-statement>\n      <name>CUST-{i}-OUT</name>\n      <term>\n        <name>ONPREM</name>\n"
                f"        <from><prefix-list><name>CUST-{i}-ONPREM</name></prefix-list></from>\n"
                f"        <then><accept/></then>\n      </term>\n      <then><reject/></then>\n    </policy-statement>\n")
    f.write("  </policy-options>\n  <routing-instances>\n")
    for i in range(count):
        net = link(i, 2)
        f.write(f"    <instance>\n      <name>CUST-{i}</name>\n      <instance-type>vrf</instance-type>\n"
                f"      <interface><name>xe-0/0/{i % 48}.{100 + i % 3900}</name></interface>\n"
                f"      <route-distinguisher><rd-type>64500:{i}</rd-type></route-distinguisher>\n"
                f"      <protocols>\n        <bgp>\n          <group>\n            <name>MSEE</name>\n"
                f"            <type>external</type>\n            <peer-as>12076</peer-as>\n"
                f"            <export>CUST-{i}-OUT</export>\n"
                f"            <bfd-liveness-detection><minimum-interval>300</minimum-interval><multiplier>3</multiplier></bfd-liveness-detection>\n"
                f"            <neighbor>\n              <name>{net}</name>\n              <description>customer {i} MSEE</description>\n"
                f"            </neighbor>\n          </group>\n        </bgp>\n      </protocols>\n    </instance>\n")
    f.write("  </routing-instances>\n</configuration>\n</rpc-reply>\n")
