import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Route targets and direct imports between routing instances, read from each dialect.
@Suite struct RouteLeakingTests {
    let fx = Fixtures()

    @Test func iosXRRouteTargets() throws {
        let c = try fx.routerConfig("xr.xml", """
            <data><vrfs xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-infra-rsi-cfg"><vrf><vrf-name>A</vrf-name><create/>
              <afs><af><af-name>ipv4</af-name><saf-name>unicast</saf-name><topology-name>default</topology-name><create/>
                <bgp xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-ipv4-bgp-cfg">
                  <import-route-targets><route-targets><route-target><type>as</type><as-or-four-byte-as><as-xx>0</as-xx><as>64500</as><as-index>1</as-index><stitching-rt>0</stitching-rt></as-or-four-byte-as></route-target>
                    <route-target><type>ipv4-address</type><ipv4-address><address>192.0.2.1</address><address-index>7</address-index><stitching-rt>0</stitching-rt></ipv4-address></route-target></route-targets></import-route-targets>
                  <export-route-targets><route-targets><route-target><type>four-byte-as</type><as-or-four-byte-as><as-xx>1</as-xx><as>2</as><as-index>3</as-index><stitching-rt>0</stitching-rt></as-or-four-byte-as></route-target></route-targets></export-route-targets>
                  <import-route-policy>LEAK-IN</import-route-policy>
                </bgp></af></afs></vrf></vrfs></data>
            """)
        let a = try #require(c.routingInstances.first)
        #expect(a.importTargets == ["64500:1", "192.0.2.1:7"] && a.exportTargets == ["65538:3"])
        #expect(a.unevaluatedLeaking == ["import route-policy LEAK-IN of VRF A"])
    }

    @Test func junosVRFTargetsRibGroupsAndInstanceImport() throws {
        let c = try fx.routerConfig("j.xml", """
            <configuration>
              <routing-options><rib-groups><name>G</name><import-rib>A.inet.0</import-rib><import-rib>B.inet.0</import-rib></rib-groups></routing-options>
              <policy-options><policy-statement><name>FROM-C</name><term><name>t</name><from><instance>C</instance></from><then><accept/></then></term></policy-statement></policy-options>
              <routing-instances>
                <instance><name>A</name><instance-type>vrf</instance-type><vrf-target><community>target:64500:1</community></vrf-target></instance>
                <instance><name>B</name><instance-type>vrf</instance-type><vrf-target><import>target:64500:1</import><export>target:64500:2</export></vrf-target>
                  <routing-options><instance-import>FROM-C</instance-import></routing-options></instance>
                <instance><name>C</name><instance-type>vrf</instance-type><vrf-export>C-OUT</vrf-export><routing-options><auto-export/></routing-options></instance>
              </routing-instances>
            </configuration>
            """)
        let by = Dictionary(uniqueKeysWithValues: c.routingInstances.map { ($0.name, $0) })
        let a = try #require(by["A"]), b = try #require(by["B"]), cc = try #require(by["C"])
        #expect(a.importTargets == ["target:64500:1"] && a.exportTargets == ["target:64500:1"])
        #expect(b.importTargets == ["target:64500:1"] && b.exportTargets == ["target:64500:2"])
        #expect(a.takesRoutesFrom == ["B"] && b.takesRoutesFrom == ["A", "C"])
        #expect(cc.unevaluatedLeaking == ["vrf-export policy C-OUT of C", "auto-export in C"])
        #expect(b.takesRoutes(from: a).0 == true && a.takesRoutes(from: b).0 == true)
        #expect(a.takesRoutes(from: cc).0 == nil, "C's vrf-export policy is not evaluated")
    }
}
