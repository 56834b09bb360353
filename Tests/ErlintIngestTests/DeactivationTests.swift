import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Deactivated (`inactive`), disabled and shut-down statements are off at every level, and a
/// session whose only interface towards the neighbor is off is down.
@Suite struct DeactivationTests {
    let fx = Fixtures()

    /// A Junos config with one eBGP neighbor 172.16.0.2 on unit xe-0/0/0.100 (172.16.0.1/30);
    /// `edit` changes its text before reading.
    static func junos(_ edit: (String) -> String = { $0 }) -> String {
        edit("""
            <configuration>
              <interfaces><interface><name>xe-0/0/0</name><unit><name>100</name><vlan-id>100</vlan-id>
                <family><inet><address><name>172.16.0.1/30</name></address></inet></family></unit></interface></interfaces>
              <protocols><bgp><group><name>MSEE</name><type>external</type><peer-as>12076</peer-as><export>OUT</export>
                <bfd-liveness-detection><minimum-interval>300</minimum-interval></bfd-liveness-detection>
                <neighbor><name>172.16.0.2</name></neighbor></group></bgp></protocols>
              <security><ipsec><vpn><name>VPN</name><bind-interface>st0.0</bind-interface></vpn></ipsec></security>
            </configuration>
            """)
    }

    static let cases: [(String, [String: String], BGPSession.State, String?)] = [
        ("as written", [:], .active, nil),
        ("protocols bgp deactivated", ["<bgp>": "<bgp inactive=\"inactive\">"],
         .inactive, "protocols bgp (line 4) is deactivated"),
        ("protocols deactivated", ["<protocols>": "<protocols inactive=\"inactive\">"],
         .inactive, "protocols (line 4) is deactivated"),
        ("group deactivated", ["<group>": "<group inactive=\"inactive\">"],
         .inactive, "its group MSEE is deactivated (line 4)"),
        ("neighbor deactivated", ["<neighbor>": "<neighbor inactive=\"inactive\">"],
         .inactive, "the neighbor is deactivated (line 6)"),
        ("interface deactivated", ["<interface>": "<interface inactive=\"inactive\">"],
         .interfaceDown, "its interface xe-0/0/0.100 is off (interface xe-0/0/0 is deactivated (line 2))"),
        ("interfaces deactivated", ["<interfaces>": "<interfaces inactive=\"inactive\">"],
         .interfaceDown, "its interface xe-0/0/0.100 is off (interfaces (line 2) is deactivated)"),
        ("interface disabled", ["<name>xe-0/0/0</name>": "<name>xe-0/0/0</name><disable/>"],
         .interfaceDown, "its interface xe-0/0/0.100 is off (interface xe-0/0/0 is disabled (line 2))"),
        ("unit disabled", ["<vlan-id>": "<disable/><vlan-id>"],
         .interfaceDown, "its interface xe-0/0/0.100 is off (unit xe-0/0/0.100 is disabled (line 2))"),
        ("unit deactivated", ["<unit>": "<unit inactive=\"inactive\">"],
         .interfaceDown, "its interface xe-0/0/0.100 is off (unit xe-0/0/0.100 is deactivated (line 2))"),
        ("address family deactivated: no interface reaches the neighbor",
         ["<inet>": "<inet inactive=\"inactive\">"], .active, nil),
    ]

    @Test(arguments: cases)
    func junosLevels(_ name: String, _ edits: [String: String], _ state: BGPSession.State, _ reason: String?) throws {
        let c = try fx.routerConfig("j.xml", Self.junos { edits.reduce($0) { $0.replacingOccurrences(of: $1.key, with: $1.value) } })
        let s = try #require(c.sessions.first)
        #expect(s.state == state, "\(name)")
        #expect(s.stateReason == reason, "\(name): \(s.stateReason ?? "nil")")
    }

    @Test func deactivatedStatementsAreNotApplied() throws {
        let c = try fx.routerConfig("stmts.xml", Self.junos {
            $0.replacingOccurrences(of: "<bfd-liveness-detection>", with: "<bfd-liveness-detection inactive=\"inactive\">")
                .replacingOccurrences(of: "<export>", with: "<export inactive=\"inactive\">")
                .replacingOccurrences(of: "<vpn>", with: "<vpn inactive=\"inactive\">")
        })
        let s = try #require(c.sessions.first)
        #expect(!s.bfd && s.exportPolicies.isEmpty && s.state == .active)
        #expect(c.ipsecTunnels.isEmpty)
    }

    @Test func aDeactivatedRoutingInstanceTurnsOffItsSessions() throws {
        let xml = """
            <configuration><routing-instances><instance inactive="inactive"><name>CUST-A</name><instance-type>vrf</instance-type>
              <protocols><bgp><group><name>G</name><peer-as>12076</peer-as><neighbor><name>172.16.0.6</name></neighbor></group></bgp></protocols>
            </instance><instance><name>CUST-B</name><instance-type>vrf</instance-type>
              <protocols><bgp inactive="inactive"><group><name>G</name><peer-as>12076</peer-as><neighbor><name>172.16.0.10</name></neighbor></group></bgp></protocols>
            </instance></routing-instances></configuration>
            """
        let c = try fx.routerConfig("ri.xml", xml)
        let byNeighbor = Dictionary(uniqueKeysWithValues: c.sessions.map { ($0.neighbor.description, $0) })
        #expect(byNeighbor["172.16.0.6"]?.state == .inactive && byNeighbor["172.16.0.6"]?.stateReason == "routing instance CUST-A is deactivated (line 1)")
        #expect(byNeighbor["172.16.0.10"]?.state == .inactive && byNeighbor["172.16.0.10"]?.stateReason == "bgp of routing instance CUST-B is deactivated (line 4)")
    }

    @Test func anotherInstancesInterfaceDoesNotReachTheNeighbor() throws {
        // The disabled unit is in CUST-A; the session is in the global table: no interface of its
        // own instance reaches it, so its configured state stands.
        let xml = Self.junos { $0.replacingOccurrences(of: "<vlan-id>", with: "<disable/><vlan-id>") }
            .replacingOccurrences(of: "</configuration>", with: "<routing-instances><instance><name>CUST-A</name><instance-type>vrf</instance-type><interface><name>xe-0/0/0.100</name></interface></instance></routing-instances></configuration>")
        #expect(try fx.routerConfig("vrf.xml", xml).sessions.first?.state == .active)
    }

    @Test func iosXRShutdownInterface() throws {
        let xml = """
            <data>
              <interface-configurations xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-ifmgr-cfg"><interface-configuration><active>act</active>
                <interface-name>GigabitEthernet0/0/0/0.100</interface-name><shutdown/>
                <ipv4-network xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-ipv4-io-cfg"><addresses><primary><address>172.16.0.1</address><netmask>255.255.255.252</netmask></primary></addresses></ipv4-network>
              </interface-configuration></interface-configurations>
              <bgp xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-ipv4-bgp-cfg"><instance><instance-name>default</instance-name><instance-as><as>0</as>
                <four-byte-as><as>64500</as><bgp-running/><default-vrf><bgp-entity><neighbors><neighbor>
                  <neighbor-address>172.16.0.2</neighbor-address><remote-as><as-xx>0</as-xx><as-yy>12076</as-yy></remote-as>
                </neighbor></neighbors></bgp-entity></default-vrf></four-byte-as></instance-as></instance></bgp>
            </data>
            """
        let s = try #require(try fx.routerConfig("xr.xml", xml).sessions.first)
        #expect(s.state == .interfaceDown && s.stateReason == "its interface GigabitEthernet0/0/0/0.100 is off (disabled)")
    }

    @Test func openConfigDisabledSubinterface() throws {
        let xml = """
            <data>
              <interfaces xmlns="http://openconfig.net/yang/interfaces"><interface><name>Ethernet1</name><config><name>Ethernet1</name></config>
                <subinterfaces><subinterface><index>100</index><config><index>100</index><enabled>false</enabled></config>
                  <ipv4 xmlns="http://openconfig.net/yang/interfaces/ip"><addresses><address><ip>172.16.0.1</ip>
                    <config><ip>172.16.0.1</ip><prefix-length>30</prefix-length></config></address></addresses></ipv4>
                </subinterface></subinterfaces></interface></interfaces>
              <network-instances xmlns="http://openconfig.net/yang/network-instance"><network-instance><name>default</name>
                <protocols><protocol><identifier>BGP</identifier><name>BGP</name><bgp><global><config><as>65001</as></config></global>
                  <neighbors><neighbor><neighbor-address>172.16.0.2</neighbor-address><config><neighbor-address>172.16.0.2</neighbor-address><peer-as>12076</peer-as></config></neighbor></neighbors>
                </bgp></protocol></protocols></network-instance></network-instances>
            </data>
            """
        #expect(try fx.routerConfig("oc.xml", xml).sessions.first?.state == .interfaceDown)
    }

    @Test func openConfigDisabledInstanceOrProtocol() throws {
        func xml(_ instanceConfig: String, _ protocolConfig: String) -> String {
            """
            <network-instances xmlns="http://openconfig.net/yang/network-instance"><network-instance><name>CUST-A</name>
              <config><name>CUST-A</name><type>L3VRF</type>\(instanceConfig)</config>
              <protocols><protocol><identifier>BGP</identifier><name>BGP</name><config><identifier>BGP</identifier>\(protocolConfig)</config><bgp>
                <neighbors><neighbor><neighbor-address>172.16.0.2</neighbor-address><config><peer-as>12076</peer-as></config></neighbor></neighbors>
              </bgp></protocol></protocols></network-instance></network-instances>
            """
        }
        #expect(try fx.routerConfig("on.xml", xml("", "")).sessions.first?.state == .active)
        let instance = try #require(try fx.routerConfig("ni.xml", xml("<enabled>false</enabled>", "")).sessions.first)
        #expect(instance.state == .shutdown && instance.stateReason == "network instance CUST-A is disabled (line 1)")
        let proto = try #require(try fx.routerConfig("p.xml", xml("", "<enabled>false</enabled>")).sessions.first)
        #expect(proto.state == .shutdown && proto.stateReason == "its BGP protocol is disabled (line 3)")
    }
}
