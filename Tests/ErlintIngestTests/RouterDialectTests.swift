import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Each dialect reader against the shapes real exports take.
@Suite struct RouterDialectTests {
    let fx = Fixtures()

    func read(_ name: String, _ xml: String) -> RouterConfigReader.Result {
        RouterConfigReader.read(file: fx.write(name, xml))
    }

    static let junosBody = """
          <system><host-name>edge-1</host-name></system>
          <interfaces>
            <interface>
              <name>xe-0/0/0</name>
              <vlan-tagging/>
              <unit>
                <name>100</name>
                <vlan-id>100</vlan-id>
                <family>
                  <inet><address><name>172.16.0.1/30</name></address></inet>
                  <inet6><address><name>2001:db8:1::1/126</name></address></inet6>
                </family>
              </unit>
              <unit inactive="inactive"><name>200</name><vlan-id>200</vlan-id></unit>
            </interface>
          </interfaces>
          <routing-options><autonomous-system><as-number>64500</as-number></autonomous-system></routing-options>
          <protocols>
            <bgp>
              <group>
                <name>MSEE</name>
                <type>external</type>
                <peer-as>12076</peer-as>
                <export>ONPREM</export>
                <authentication-key>$9$secret</authentication-key>
                <neighbor>
                  <name>172.16.0.2</name>
                  <bfd-liveness-detection><minimum-interval>300</minimum-interval></bfd-liveness-detection>
                </neighbor>
                <neighbor>
                  <name>2001:db8:1::2</name>
                  <export>ONPREM-V6</export>
                </neighbor>
                <neighbor inactive="inactive"><name>172.16.9.2</name></neighbor>
              </group>
              <group inactive="inactive">
                <name>OLD</name>
                <neighbor><name>192.0.2.1</name><peer-as>65999</peer-as></neighbor>
              </group>
              <bfd-liveness-detection><minimum-interval>900</minimum-interval></bfd-liveness-detection>
            </bgp>
          </protocols>
          <policy-options>
            <prefix-list><name>ONPREM</name><prefix-list-item><name>10.20.0.0/16</name></prefix-list-item></prefix-list>
            <policy-statement>
              <name>ONPREM</name>
              <term><name>a</name><from><prefix-list><name>ONPREM</name></prefix-list></from><then><accept/></then></term>
              <term><name>b</name><from><route-filter><address>10.21.0.0/16</address><exact/></route-filter></from><then><accept/></then></term>
              <then><reject/></then>
            </policy-statement>
          </policy-options>
          <routing-instances>
            <instance>
              <name>CUST-A</name>
              <instance-type>vrf</instance-type>
              <interface><name>xe-0/0/0.100</name></interface>
              <protocols><bgp><group><name>G</name><peer-as>12076</peer-as><neighbor><name>172.16.0.6</name></neighbor></group></bgp></protocols>
            </instance>
          </routing-instances>
        """

    @Test(arguments: [
        "<configuration>\n\(junosBody)\n</configuration>",
        """
        <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" xmlns:junos="http://xml.juniper.net/junos/21.4R3/junos">
        <configuration xmlns="http://xml.juniper.net/xnm/1.1/xnm" junos:commit-seconds="1" junos:commit-user="ops">
        \(junosBody)
        </configuration></rpc-reply>
        """,
    ])
    func junosWithAndWithoutNamespaces(_ xml: String) throws {
        let r = read("r.xml", xml)
        let c = try #require(r.config, "\(r.diagnostics)")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(c.name == "edge-1" && c.dialects == [.junos] && c.localAS == 64500)

        let xe = try #require(c.interfaces.first { $0.name == "xe-0/0/0.100" })
        #expect(xe.vlanID == 100 && xe.routingInstance == "CUST-A")
        #expect(xe.addresses.map(\.description) == ["172.16.0.1/30", "2001:db8:1::1/126"])
        #expect(c.interfaces.first { $0.name == "xe-0/0/0.200" }?.isDisabled == true)

        let byNeighbor = Dictionary(uniqueKeysWithValues: c.sessions.map { ($0.neighbor.description, $0) })
        let v4 = try #require(byNeighbor["172.16.0.2"])
        #expect(v4.peerAS == 12076 && v4.localAS == 64500 && v4.group == "MSEE" && v4.routingInstance == nil)
        #expect(v4.bfd && v4.authentication && v4.state == .active)
        #expect(v4.exportPolicies == ["ONPREM"])
        let v6 = try #require(byNeighbor["2001:db8:1::2"])
        #expect(v6.exportPolicies == ["ONPREM-V6"], "a neighbor's export replaces its group's")
        #expect(v6.bfd, "global BFD applies even though it comes after the groups")
        #expect(byNeighbor["172.16.9.2"]?.state == .inactive)
        #expect(byNeighbor["192.0.2.1"]?.state == .inactive, "an inactive group deactivates its neighbors")
        #expect(byNeighbor["192.0.2.1"]?.peerAS == 65999)
        let vrf = try #require(byNeighbor["172.16.0.6"])
        #expect(vrf.routingInstance == "CUST-A" && !vrf.authentication)

        let exported = c.exports(v4)
        #expect(exported.isExact && exported.certain.description == "10.20.0.0/16 exact, 10.21.0.0/16 exact")
        let missing = c.exports(v6)
        #expect(missing.certain.isEmpty && missing.possible.names(allOf: IPPrefix("::/0")!))
        #expect(missing.unknowns.map(\.message) == ["export policy ONPREM-V6 of edge-1 neighbor 2001:db8:1::2 is not in the config"])
    }

    @Test func elementsRememberLineAndColumn() throws {
        let xml = "<configuration>\n  <protocols><bgp>\n    <group><name>G</name>\n      <neighbor\n   x=\"1\"><name>10.0.0.2</name></neighbor>\n</group></bgp></protocols></configuration>\n"
        let c = try #require(read("pos.xml", xml).config)
        let s = try #require(c.sessions.first)
        #expect(s.location.line == 4 && s.location.column == 7, "\(s.location)")
        #expect(c.location.line == 1 && c.location.column == 1)
    }

    @Test func secretsAreNotKept() throws {
        let c = try #require(read("s.xml", "<configuration>\(Self.junosBody)</configuration>").config)
        #expect(!String(describing: c).contains("$9$secret"))
    }

    @Test func openConfigNetworkInstancesAndPeerGroups() throws {
        let xml = """
            <data xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">
              <interfaces xmlns="http://openconfig.net/yang/interfaces">
                <interface><name>Ethernet1</name><config><name>Ethernet1</name></config>
                  <subinterfaces><subinterface><index>100</index><config><index>100</index></config>
                    <vlan xmlns="http://openconfig.net/yang/vlan"><match><single-tagged><config><vlan-id>100</vlan-id></config></single-tagged></match></vlan>
                    <ipv4 xmlns="http://openconfig.net/yang/interfaces/ip"><addresses><address><ip>172.16.0.1</ip>
                      <config><ip>172.16.0.1</ip><prefix-length>30</prefix-length></config></address></addresses></ipv4>
                    <ipv6 xmlns="http://openconfig.net/yang/interfaces/ip"><addresses><address><ip>2001:db8::1</ip>
                      <config><ip>2001:db8::1</ip><prefix-length>126</prefix-length></config></address></addresses></ipv6>
                  </subinterface></subinterfaces>
                </interface>
              </interfaces>
              <network-instances xmlns="http://openconfig.net/yang/network-instance">
                <network-instance><name>default</name>
                  <protocols><protocol><identifier>BGP</identifier><name>BGP</name><bgp>
                    <global><config><as>65001</as></config></global>
                    <neighbors><neighbor><neighbor-address>10.255.0.2</neighbor-address>
                      <config><neighbor-address>10.255.0.2</neighbor-address><peer-as>65001</peer-as><enabled>false</enabled></config>
                    </neighbor></neighbors>
                  </bgp></protocol></protocols>
                </network-instance>
                <network-instance><name>CUST-A</name><config><name>CUST-A</name><type>oc-ni-types:L3VRF</type></config>
                  <interfaces><interface><id>Ethernet1.100</id><config><id>Ethernet1.100</id><interface>Ethernet1</interface><subinterface>100</subinterface></config></interface></interfaces>
                  <protocols><protocol><identifier>BGP</identifier><name>BGP</name><bgp>
                    <peer-groups><peer-group><peer-group-name>MSEE</peer-group-name>
                      <config><peer-group-name>MSEE</peer-group-name><peer-as>12076</peer-as><auth-password>x</auth-password></config>
                      <enable-bfd><config><enabled>true</enabled></config></enable-bfd>
                      <afi-safis><afi-safi><afi-safi-name>IPV4_UNICAST</afi-safi-name>
                        <apply-policy><config><export-policy>OUT</export-policy></config></apply-policy></afi-safi></afi-safis>
                    </peer-group></peer-groups>
                    <neighbors>
                      <neighbor><neighbor-address>172.16.0.2</neighbor-address><config><peer-group>MSEE</peer-group></config></neighbor>
                      <neighbor><neighbor-address>2001:db8::2</neighbor-address><config><peer-group>MSEE</peer-group><peer-as>12077</peer-as></config>
                        <enable-bfd><config><enabled>false</enabled></config></enable-bfd></neighbor>
                    </neighbors>
                  </bgp></protocol></protocols>
                </network-instance>
              </network-instances>
              <routing-policy xmlns="http://openconfig.net/yang/routing-policy">
                <defined-sets><prefix-sets><prefix-set><name>P</name><prefixes><prefix><ip-prefix>10.1.0.0/16</ip-prefix></prefix></prefixes></prefix-set></prefix-sets></defined-sets>
                <policy-definitions><policy-definition><name>OUT</name><statements>
                  <statement><name>1</name><conditions><match-prefix-set><config><prefix-set>P</prefix-set></config></match-prefix-set></conditions>
                    <actions><config><policy-result>ACCEPT_ROUTE</policy-result></config></actions></statement>
                </statements></policy-definition></policy-definitions>
              </routing-policy>
            </data>
            """
        let r = read("oc-edge.xml", xml)
        let c = try #require(r.config, "\(r.diagnostics)")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(c.dialects == [.openconfig] && c.name == "oc-edge")
        let sub = try #require(c.interfaces.first)
        #expect(sub.name == "Ethernet1.100" && sub.vlanID == 100 && sub.routingInstance == "CUST-A")
        #expect(sub.addresses.map(\.description) == ["172.16.0.1/30", "2001:db8::1/126"])
        #expect(c.routingInstances.map(\.name) == ["CUST-A"] && c.routingInstances.first?.type == "L3VRF")
        let byNeighbor = Dictionary(uniqueKeysWithValues: c.sessions.map { ($0.neighbor.description, $0) })
        let ibgp = try #require(byNeighbor["10.255.0.2"])
        #expect(ibgp.routingInstance == nil && ibgp.state == .shutdown && ibgp.localAS == 65001)
        let v4 = try #require(byNeighbor["172.16.0.2"])
        #expect(v4.routingInstance == "CUST-A" && v4.peerAS == 12076 && v4.bfd && v4.authentication)
        #expect(v4.exportPolicies == ["OUT"] && c.exports(v4).certain.description == "10.1.0.0/16 exact" && c.exports(v4).isExact)
        let v6 = try #require(byNeighbor["2001:db8::2"])
        #expect(v6.peerAS == 12077 && !v6.bfd, "the neighbor's own values win over its peer group's")
    }

    @Test func iosXRNativeVRFsAndNeighborGroups() throws {
        let xml = """
            <rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0"><data>
              <interface-configurations xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-ifmgr-cfg">
                <interface-configuration><active>act</active><interface-name>Bundle-Ether1.100</interface-name>
                  <vrf xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-infra-rsi-cfg">CUST-A</vrf>
                  <ipv4-network xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-ipv4-io-cfg"><addresses><primary>
                    <address>172.16.0.5</address><netmask>255.255.255.252</netmask></primary></addresses></ipv4-network>
                  <vlan-sub-configuration xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-l2-eth-infra-cfg">
                    <vlan-identifier><vlan-type>vlan-type-dot1q</vlan-type><first-tag>100</first-tag></vlan-identifier></vlan-sub-configuration>
                </interface-configuration>
              </interface-configurations>
              <bgp xmlns="http://cisco.com/ns/yang/Cisco-IOS-XR-ipv4-bgp-cfg"><instance><instance-name>default</instance-name>
                <instance-as><as>0</as><four-byte-as><as>64500</as><bgp-running/>
                  <default-vrf><bgp-entity>
                    <neighbor-groups><neighbor-group><neighbor-group-name>MSEE</neighbor-group-name>
                      <remote-as><as-xx>0</as-xx><as-yy>12076</as-yy></remote-as><bfd-enable-modes>default</bfd-enable-modes>
                      <neighbor-group-afs><neighbor-group-af><af-name>ipv4-unicast</af-name><route-policy-out>OUT</route-policy-out></neighbor-group-af></neighbor-group-afs>
                    </neighbor-group></neighbor-groups>
                    <neighbors><neighbor><neighbor-address>10.255.0.1</neighbor-address>
                      <remote-as><as-xx>1</as-xx><as-yy>10</as-yy></remote-as><shutdown/></neighbor></neighbors>
                  </bgp-entity></default-vrf>
                  <vrfs><vrf><vrf-name>CUST-A</vrf-name>
                    <vrf-neighbors><vrf-neighbor><neighbor-address>172.16.0.6</neighbor-address>
                      <neighbor-group-add-member>MSEE</neighbor-group-add-member>
                      <password><password-disable>false</password-disable><password>enc</password></password>
                    </vrf-neighbor></vrf-neighbors>
                  </vrf></vrfs>
                </four-byte-as></instance-as>
              </instance></bgp>
            </data></rpc-reply>
            """
        let r = read("xr.xml", xml)
        let c = try #require(r.config, "\(r.diagnostics)")
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(c.dialects == [.iosxr] && c.localAS == 64500)
        let i = try #require(c.interfaces.first)
        #expect(i.addresses.map(\.description) == ["172.16.0.5/30"] && i.vlanID == 100 && i.routingInstance == "CUST-A")
        let byNeighbor = Dictionary(uniqueKeysWithValues: c.sessions.map { ($0.neighbor.description, $0) })
        #expect(byNeighbor["10.255.0.1"]?.peerAS == 65546 && byNeighbor["10.255.0.1"]?.state == .shutdown, "asdot 1.10")
        let vrf = try #require(byNeighbor["172.16.0.6"])
        #expect(vrf.routingInstance == "CUST-A" && vrf.peerAS == 12076 && vrf.bfd && vrf.authentication)
        #expect(vrf.exportPolicies == ["OUT"] && vrf.localAS == 64500 && vrf.group == "MSEE")
        #expect(c.routingInstances.map(\.name) == ["CUST-A"])
    }

    @Test func junosEncryptionStanzas() throws {
        let xml = """
            <configuration><security>
              <macsec>
                <connectivity-association><name>CA1</name><cipher-suite>gcm-aes-xpn-256</cipher-suite>
                  <security-mode>static-cak</security-mode><pre-shared-key><ckn>01</ckn><cak>$9$cak</cak></pre-shared-key></connectivity-association>
                <interfaces><name>et-0/0/0</name><connectivity-association>CA1</connectivity-association></interfaces>
              </macsec>
              <ike>
                <proposal><name>P1</name><dh-group>group14</dh-group><authentication-algorithm>sha-256</authentication-algorithm>
                  <encryption-algorithm>aes-256-cbc</encryption-algorithm></proposal>
                <policy><name>POL</name><proposals>P1</proposals></policy>
                <gateway><name>GW</name><ike-policy>POL</ike-policy><address>10.40.0.4</address><version>v2-only</version></gateway>
              </ike>
              <ipsec>
                <proposal><name>IP1</name><protocol>esp</protocol><encryption-algorithm>aes-256-gcm</encryption-algorithm></proposal>
                <policy><name>IPOL</name><perfect-forward-secrecy><keys>group14</keys></perfect-forward-secrecy><proposals>IP1</proposals></policy>
                <vpn><name>V</name><bind-interface>st0.0</bind-interface><ike><gateway>GW</gateway><ipsec-policy>IPOL</ipsec-policy></ike></vpn>
              </ipsec>
            </security></configuration>
            """
        let c = try #require(read("sec.xml", xml).config)
        #expect(c.macsecAssociations.first?.cipherSuite == "gcm-aes-xpn-256")
        #expect(c.macsecAssociations.first?.interfaces == ["et-0/0/0"] && c.macsecAssociations.first?.hasPreSharedKey == true)
        #expect(!String(describing: c).contains("$9$cak"))
        #expect(c.ikeProposals.first?.dhGroup == "group14" && c.ikePolicies.first?.proposals == ["P1"])
        #expect(c.ikeGateways.first?.version == "v2-only" && c.ikeGateways.first?.addresses.first?.description == "10.40.0.4")
        #expect(c.ipsecPolicies.first?.pfsGroup == "group14" && c.ipsecProposals.first?.encryption == "aes-256-gcm")
        #expect(c.ipsecTunnels.first?.gateway == "GW" && c.ipsecTunnels.first?.policy == "IPOL")
        #expect(c.skippedElements == 0, "every element of these stanzas is read")
    }

    @Test func unknownElementsAreCountedNotSilentlyDropped() throws {
        let xml = "<configuration><system><host-name>r</host-name><syslog><file>x</file></syslog></system><snmp><community>c</community></snmp></configuration>"
        let c = try #require(read("u.xml", xml).config)
        #expect(c.elementCount == 7 && c.skippedElements == 4)
    }

    @Test func unreadElementsInsideAStanzaCountWithAllTheyHold() throws {
        // <unit> is read, its <filter> (with two children) and <mtu> are not: 4 elements.
        let xml = """
            <configuration><interfaces><interface><name>xe-0/0/1</name><mtu>9192</mtu>
              <unit><name>0</name><filter><input>f</input><output>g</output></filter></unit>
            </interface></interfaces></configuration>
            """
        let c = try #require(read("unread.xml", xml).config)
        #expect(c.interfaces.map(\.name) == ["xe-0/0/1.0"])
        #expect(c.skippedElements == 4)
    }

    @Test func textInterruptedByAChildIsReadWhole() throws {
        // Mixed content: the host name's text comes in two pieces with a child's text between.
        let xml = "<configuration><system><host-name>edge<x>y</x>-7</host-name></system></configuration>"
        let c = try #require(read("mixed.xml", xml).config)
        #expect(c.hostName == "edge-7")
        #expect(c.skippedElements == 1, "the <x> inside the host name is not understood")
    }

    @Test func groupsKeptUntilTheEndSurviveTheStanzasAfterThem() throws {
        // Junos BGP groups are resolved at the end of the file; the interface stanzas read after
        // a group must not overwrite it.
        let xml = """
            <configuration><protocols><bgp><group><name>MSEE</name><peer-as>12076</peer-as>
              <neighbor><name>172.16.0.2</name></neighbor></group></bgp></protocols>
              <interfaces><interface><name>xe-0/0/0</name><unit><name>1</name><family><inet><address><name>172.16.0.1/30</name></address></inet></family></unit></interface>
              <interface><name>xe-0/0/1</name><unit><name>2</name><family><inet><address><name>172.16.0.5/30</name></address></inet></family></unit></interface></interfaces>
              <routing-options><autonomous-system><as-number>65010</as-number></autonomous-system></routing-options></configuration>
            """
        let c = try #require(read("kept.xml", xml).config)
        #expect(c.sessions.map(\.neighbor.description) == ["172.16.0.2"])
        #expect(c.sessions.first?.peerAS == 12076 && c.sessions.first?.localAS == 65010 && c.sessions.first?.group == "MSEE")
        #expect(c.interfaces.map(\.name) == ["xe-0/0/0.1", "xe-0/0/1.2"])
        #expect(c.interfaces.flatMap(\.addresses).map(\.address.description) == ["172.16.0.1", "172.16.0.5"])
    }

    // MARK: Replies as tools write them

    /// `show configuration | display xml` ends its reply with a `<cli>` banner, and NETCONF and
    /// PyEZ replies carry other siblings: none is a router config, none is an error, and the
    /// configuration is read.
    @Test(arguments: [
        "<cli><banner></banner></cli>",
        "<cli><banner>[edit]</banner></cli><load-configuration-results><load-success/></load-configuration-results>",
        "<database-status-information></database-status-information>",
        "<commit-results><routing-engine><name>re0</name></routing-engine></commit-results>",
        "<vendor-extension xmlns=\"http://example.com/ns/extension\"><x/></vendor-extension>",
    ])
    func siblingsOfAJunosConfigurationAreSkippedNotDiagnosed(_ sibling: String) throws {
        let xml = """
            <rpc-reply xmlns:junos="http://xml.juniper.net/junos/21.4R3/junos" message-id="urn:uuid:1">
              <configuration junos:commit-seconds="1" junos:commit-user="ops">
                <system><host-name>edge-9</host-name></system>
              </configuration>
              \(sibling)
            </rpc-reply>
            """
        let r = read("reply.xml", xml)
        let c = try #require(r.config)
        #expect(c.hostName == "edge-9" && c.dialects == [.junos])
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(c.skippedElements > 0, "the sibling is counted as not read")
    }

    @Test func aReplyWithNothingButABannerSaysItHoldsNoConfiguration() {
        let r = read("banner.xml", "<rpc-reply><cli><banner/></cli></rpc-reply>")
        #expect(r.config == nil)
        #expect(r.diagnostics.contains { $0.severity == .warning && $0.message.contains("no router configuration in this document") }, "\(r.diagnostics)")
        let alien = read("alien.xml", "<rpc-reply><vendor-extension xmlns=\"http://example.com/x\"/></rpc-reply>")
        #expect(alien.diagnostics.contains { $0.severity == .error && $0.message.contains("unrecognised router config dialect") })
    }

    @Test func rpcErrorsAreErrorsAloneAndWarningsBesideAConfiguration() throws {
        let error = "<rpc-error><error-severity>error</error-severity><error-message>syntax error</error-message></rpc-error>"
        let alone = read("error.xml", "<rpc-reply>\(error)</rpc-reply>")
        #expect(alone.config == nil && alone.diagnostics.map(\.severity) == [.error], "\(alone.diagnostics)")
        let beside = read("beside.xml", "<rpc-reply>\(error)<configuration><system><host-name>r</host-name></system></configuration></rpc-reply>")
        #expect(try #require(beside.config).hostName == "r")
        #expect(beside.diagnostics.count == 1 && beside.diagnostics[0].severity == .warning
                && beside.diagnostics[0].message.contains("may be incomplete: syntax error"), "\(beside.diagnostics)")
        let warning = read("warning.xml", "<rpc-reply><rpc-error><error-severity>warning</error-severity><error-message>statement deprecated</error-message></rpc-error></rpc-reply>")
        #expect(warning.diagnostics.contains { $0.severity == .warning && $0.message.contains("statement deprecated") })
    }

    @Test(arguments: ["configuration-text", "configuration-set", "configuration-information"])
    func junosConfigurationAsTextIsAnErrorThatSaysHowToExport(_ element: String) {
        let r = read("text.xml", "<rpc-reply><\(element)>system { host-name r; }</\(element)></rpc-reply>")
        #expect(r.config == nil)
        #expect(r.diagnostics.contains { $0.severity == .error && $0.message.contains("Junos configuration as text") && $0.message.contains("display xml") },
                "\(r.diagnostics)")
    }

    // MARK: Never silently empty

    /// Neighbors where no reader looks (a logical system) are said, with where they lie; the
    /// sessions that are read are kept. A configuration group applied nowhere holds no session
    /// (Junos ignores it), and is not one of them.
    @Test func neighborsWhereNoReaderLooksAreReported() throws {
        let xml = """
            <configuration>
              <groups><name>EDGE</name><protocols><bgp><group><name>G</name><neighbor><name>10.9.9.1</name></neighbor></group></bgp></protocols></groups>
              <logical-systems><name>LS1</name><protocols><bgp><group><name>MSEE</name>
                <neighbor><name>172.16.0.2</name></neighbor><neighbor><name>172.16.0.6</name></neighbor></group></bgp></protocols></logical-systems>
              <protocols><bgp><group><name>CORE</name><peer-as>64500</peer-as><neighbor><name>10.0.0.1</name></neighbor></group></bgp></protocols>
            </configuration>
            """
        let r = read("ls.xml", xml)
        #expect(try #require(r.config).sessions.map(\.neighbor.description) == ["10.0.0.1"])
        let w = try #require(r.diagnostics.first { $0.message.contains("BGP neighbor element") }, "\(r.diagnostics)")
        #expect(w.severity == .warning && w.location.line == 4)
        #expect(w.message.contains("2 BGP neighbor elements") && w.message.contains("1 BGP session was read")
                && w.message.contains("/configuration/logical-systems/protocols/bgp/group/neighbor"), "\(w.message)")
    }

    /// OpenDaylight keeps a network instance's `protocols` alone, its BGP in an extension
    /// namespace and its neighbors' peer groups as instance identifiers: read by OpenConfig's
    /// structure.
    @Test func openDaylightProtocolsAreReadAsOpenConfig() throws {
        let xml = """
            <protocols xmlns="http://openconfig.net/yang/network-instance">
              <protocol>
                <name>bgp-rib</name>
                <bgp xmlns="urn:opendaylight:params:xml:ns:yang:bgp:openconfig-extensions">
                  <global><config><as>64496</as></config></global>
                  <neighbors>
                    <neighbor><neighbor-address>192.0.2.1</neighbor-address>
                      <config><peer-group>/bgp/neighbors/neighbor/bgp/peer-groups/peer-group[peer-group-name="internal"]</peer-group></config></neighbor>
                    <neighbor><neighbor-address>192.0.2.5</neighbor-address>
                      <config><peer-group>/bgp/peer-groups/peer-group[peer-group-name='external']</peer-group><local-as>65001</local-as></config></neighbor>
                  </neighbors>
                  <peer-groups>
                    <peer-group><peer-group-name>internal</peer-group-name><config><peer-type>INTERNAL</peer-type></config></peer-group>
                    <peer-group><peer-group-name>external</peer-group-name><config><peer-type>EXTERNAL</peer-type><peer-as>65000</peer-as></config></peer-group>
                  </peer-groups>
                </bgp>
              </protocol>
            </protocols>
            """
        let r = read("odl.xml", xml)
        let c = try #require(r.config)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(c.sessions.map(\.neighbor.description) == ["192.0.2.1", "192.0.2.5"])
        #expect(c.sessions.map(\.group) == ["internal", "external"])
        #expect(c.sessions.map(\.peerAS) == [64496, 65000], "an internal peer is in the router's own AS")
        #expect(c.sessions.map(\.localAS) == [64496, 65001])
    }

    /// Junos instances that keep no forwarding table of their own are not customer VRFs.
    @Test func junosInstanceTypesSayWhichInstancesAreVRFs() throws {
        let types = ["vrf": true, "virtual-router": true, "forwarding": false, "no-forwarding": false, "virtual-switch": false, "vpls": false]
        var xml = "<configuration><routing-instances>"
        for (name, _) in types.sorted(by: { $0.key < $1.key }) { xml += "<instance><name>\(name)</name><instance-type>\(name)</instance-type></instance>" }
        xml += "<instance><name>untyped</name></instance></routing-instances></configuration>"
        let c = try #require(read("types.xml", xml).config)
        for ri in c.routingInstances {
            #expect(ri.hasOwnForwardingTable == (types[ri.name] ?? false), "\(ri.name): Junos's default type is no-forwarding")
        }
    }

    /// One OpenConfig network instance exported alone, as the document element.
    @Test func anOpenConfigNetworkInstanceAlone() throws {
        let xml = """
            <network-instance xmlns="http://openconfig.net/yang/network-instance">
              <name>CUST-A</name>
              <config><name>CUST-A</name><type xmlns:t="http://openconfig.net/yang/network-instance-types">t:L3VRF</type></config>
              <protocols><protocol><identifier>BGP</identifier><name>BGP</name><bgp>
                <global><config><as>64500</as></config></global>
                <neighbors><neighbor><neighbor-address>172.16.0.2</neighbor-address><config><peer-as>12076</peer-as></config></neighbor></neighbors>
              </bgp></protocol></protocols>
            </network-instance>
            """
        let r = read("ni.xml", xml)
        let c = try #require(r.config)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(c.routingInstances.map(\.name) == ["CUST-A"] && c.routingInstances.first?.hasOwnForwardingTable == true)
        #expect(c.sessions.map { "\($0.neighbor) \($0.routingInstance ?? "-") \($0.peerAS ?? 0) \($0.localAS ?? 0)" } == ["172.16.0.2 CUST-A 12076 64500"])
    }
}
