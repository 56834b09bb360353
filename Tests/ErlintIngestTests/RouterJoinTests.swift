import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Routers joined to circuit links by address (DESIGN §1.2).
@Suite struct RouterJoinTests {
    let fx = Fixtures()

    func router(_ name: String, _ neighbors: [String], vrf: String? = nil, interface: String? = nil) -> String {
        let groups = "<group><name>MSEE</name><peer-as>12076</peer-as>"
            + neighbors.map { "<neighbor><name>\($0)</name></neighbor>" }.joined() + "</group>"
        let iface = interface.map {
            "<interfaces><interface><name>xe-0/0/0</name><unit><name>100</name><family><inet><address><name>\($0)</name></address></inet></family></unit></interface></interfaces>"
        } ?? ""
        let bgp = vrf.map {
            "<routing-instances><instance><name>\($0)</name><instance-type>vrf</instance-type><protocols><bgp>\(groups)</bgp></protocols></instance></routing-instances>"
        } ?? "<protocols><bgp>\(groups)</bgp></protocols>"
        return "<configuration><system><host-name>\(name)</host-name></system>\(iface)\(bgp)</configuration>"
    }

    @Test func sessionsLandOnPrimaryAndSecondaryLinks() throws {
        fx.write("er.json", Fixtures.circuit(flattened: false))
        fx.write("r1.xml", router("edge-1", ["192.168.1.2", "10.255.0.2"], vrf: "CUST"))
        fx.write("r2.xml", router("edge-2", [], interface: "192.168.1.5/30"))
        let estate = fx.load()
        #expect(estate.errors.isEmpty, "\(estate.diagnostics)")
        let g = estate.graph
        let links = g.nodes(.link)
        let primary = try #require(links.first { $0.link?.side == .primary })
        let secondary = try #require(links.first { $0.link?.side == .secondary })

        let onPrimary = g.terminations(of: primary.id)
        #expect(onPrimary.map(\.kind) == [.bgpSession])
        #expect(onPrimary.first?.session?.routingInstance == "CUST")
        #expect(g.router(of: onPrimary[0].id)?.name == "edge-1")

        // edge-2 has an interface in the secondary /30 but no session there.
        #expect(g.terminations(of: secondary.id).map(\.kind) == [.routerInterface])
        #expect(g.unterminatedLinks().map(\.id) == [secondary.id])
        #expect(g.unmatchedSessions().compactMap(\.session?.neighbor.description) == ["10.255.0.2"])
    }

    @Test func ipv6SessionsLandOnTheSlash126() throws {
        let v6 = Fixtures.circuit(flattened: false).replacingOccurrences(of: "\"secondaryPeerAddressPrefix\": \"192.168.1.4/30\"",
            with: "\"secondaryPeerAddressPrefix\": \"192.168.1.4/30\", \"ipv6PeeringConfig\": {\"primaryPeerAddressPrefix\": \"2001:db8:1::/126\", \"secondaryPeerAddressPrefix\": \"2001:db8:1::4/126\"}")
        fx.write("er.json", v6)
        fx.write("r.xml", router("edge", ["2001:db8:1::2", "2001:db8:1::6"]))
        let g = fx.load().graph
        let v6Links = g.nodes(.link).filter { !($0.link?.prefix.isIPv4 ?? true) }
        #expect(v6Links.count == 2)
        for link in v6Links { #expect(g.terminations(of: link.id).count == 1, "\(link.key)") }
    }

    @Test func routerOwnershipAndSessionCustomers() throws {
        fx.write("er.json", Fixtures.circuit(flattened: false))
        fx.write("r.xml", router("cust-edge", ["192.168.1.2", "192.168.1.6"]))
        let manifest = fx.write("manifest.yaml", """
            customers:
              - {id: acme, name: Acme, model: connect-to, subscriptions: [\(Fixtures.sub)], posture: baseline}
            routers:
              - {name: cust-edge, owner: acme}
              - {name: missing-edge, owner: csp}
            """)
        let estate = fx.load(manifest: manifest)
        let g = estate.graph
        let router = try #require(g.nodes(.router).first)
        #expect(g.customer(of: router.id)?.id == "acme")
        for s in g.nodes(.bgpSession) { #expect(g.customer(of: s.id)?.id == "acme") }
        #expect(estate.diagnostics.contains { $0.message.hasPrefix("router missing-edge is declared here but no config") })
    }

    @Test func twoFilesForOneRouterKeepTheFirst() throws {
        fx.write("a.xml", router("edge", ["192.168.1.2"]))
        fx.write("b.xml", router("EDGE", ["192.168.1.6"]))
        let estate = fx.load()
        #expect(estate.graph.count(.router) == 1)
        #expect(estate.diagnostics.contains { $0.severity == .warning && $0.location.file.hasSuffix("b.xml") })
    }

    @Test func observedStateJoinsItsRoutersConfigByFileName() throws {
        // napalm's IOS-XR test data: the running BGP config and the operational state of the
        // same router, under one router name.
        let real = RealWorldCorpusTests.folder
        let dir = URL(fileURLWithPath: fx.dir).appendingPathComponent("joined")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("xr-1.xml").path,
                                                   withDestinationPath: real + "/napalm_iosxr_netconf_bgp_cfg_running.xml")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("xr-1.bgp-state.xml").path,
                                                   withDestinationPath: real + "/napalm_iosxr_netconf_oper_bgp_large.xml")
        let estate = EstateLoader.load(paths: [dir.path], options: .init())
        #expect(!estate.diagnostics.contains { $0.message.contains("observed BGP state") }, "\(estate.diagnostics)")
        let r = try #require(estate.routers.first)
        #expect(estate.routers.count == 1 && r.name == "xr-1")
        let seen = Dictionary(uniqueKeysWithValues: r.sessions.compactMap { s in r.observed(s).map { ("\(s.neighbor)\(s.routingInstance.map { "@" + $0 } ?? "")", $0.state) } })
        #expect(seen == ["192.168.0.1": "bgp-st-estab", "192.168.0.3": "bgp-st-idle", "172.16.255.3": "bgp-st-estab", "2001:db8::ff:3": "bgp-st-estab",
                         "2001:db8:ffff::1": "bgp-st-estab", "2001:db8:ffff::3": "bgp-st-idle", "10.0.0.0@private": "bgp-st-active",
                         "2001:db8:cafe::@private": "bgp-st-idle"])
    }
}
