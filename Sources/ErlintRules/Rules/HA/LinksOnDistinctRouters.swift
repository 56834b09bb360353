import ErlintModel

/// HA001: a peering's primary and secondary BGP sessions end on two different routers, so one
/// router failing or being rebooted leaves the other link up. Only active sessions count: an
/// inactive or shut-down neighbor carries no traffic.
public struct LinksOnDistinctRouters: Rule {
    public static let id = "HA001"
    public static let reads: Set<NodeKind> = [.peering, .link, .bgpSession, .routerInterface, .router]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for peering in graph.nodes(.peering) {
            let links = graph.links(of: peering)
            // Each address family's pair of links is its own HA pair.
            for family in [links.filter { !$0.name.hasSuffix("-ipv6") }, links.filter { $0.name.hasSuffix("-ipv6") }] {
                guard let primary = family.first(where: { $0.link?.side == .primary }),
                      let secondary = family.first(where: { $0.link?.side == .secondary }) else { continue }
                audit.checking(peering)
                check(peering, primary, secondary, &audit)
            }
        }
    }

    func check(_ peering: EstateNode, _ primary: EstateNode, _ secondary: EstateNode, _ audit: inout RuleAudit) {
        let graph = audit.graph
        // Working sessions: active, nothing in them that Azure's end of the link refuses, and,
        // where the router's observed state is at hand, Established.
        func routers(_ link: EstateNode) -> [(router: String, session: EstateNode)] {
            graph.sessions(on: link).compactMap { s in
                guard let session = s.session, session.state == .active, let r = graph.routerConfig(of: s),
                      graph.mismatches(of: s, on: link).isEmpty, r.observed(session)?.isEstablished ?? true else { return nil }
                return (r.name, s)
            }
        }
        // Why the sessions on a link that are not working are not.
        func idle(_ link: EstateNode) -> [String] {
            graph.sessions(on: link).compactMap { n -> String? in
                guard let s = n.session, let r = graph.routerConfig(of: n) else { return nil }
                if s.state != .active { return "\(s.describe(on: r.name)) \(s.describeState)" }
                let wrong = graph.mismatches(of: n, on: link)
                if !wrong.isEmpty { return "\(s.describe(on: r.name)) cannot come up: " + wrong.joined(separator: "; ") }
                if let seen = r.observed(s), !seen.isEstablished {
                    return "\(s.describe(on: r.name)) is configured, but the router reports it \(seen.state), not Established (observed state)"
                }
                return nil
            }
        }
        let p = routers(primary), s = routers(secondary)
        let family = primary.name.hasSuffix("-ipv6") ? " (IPv6)" : ""
        let pp = primary.link!.prefix, sp = secondary.link!.prefix
        let related = (p + s).flatMap { $0.session.related("BGP session on \($0.router)") }
        // Sessions or interfaces left unjoined because another customer's link shares the
        // prefix: the link may well be up, erlint cannot tell whose they are.
        func unsure(_ link: EstateNode) -> String? {
            let parts = graph.ambiguousParts(on: link)
            guard !parts.isEmpty else { return nil }
            return parts.map { p in
                let router = graph.routerConfig(of: p.part)
                let what = p.part.session.flatMap { s in router.map { s.describe(on: $0.name) } } ?? "\(router?.name ?? "") \(p.part.name)"
                return "\(what) lies in \(p.links.map(graph.describe(link:)).joined(separator: " and ")), and neither the router's owner, "
                    + "its routing instance's other sessions nor its VLAN says which customer it serves"
            }.joined(separator: "; ")
        }
        // Where the sessions on a link that does not work are written, and observed.
        func evidence(_ link: EstateNode) -> [RelatedLocation] {
            graph.sessions(on: link).flatMap { n -> [RelatedLocation] in
                guard let s = n.session, let r = graph.routerConfig(of: n) else { return [] }
                return n.related("BGP session on \(r.name)") + (r.observed(s).map { [RelatedLocation("observed BGP state", $0.location)] } ?? [])
            }
        }
        // Says so when the routers' observed state confirms the sessions up; a finding that does
        // not rests on the configuration alone.
        func observedUp(_ sessions: [(router: String, session: EstateNode)]) -> String {
            let seen = sessions.compactMap { x in x.session.session.flatMap { graph.routerConfig(of: x.session)?.observed($0) } }
            return !seen.isEmpty && seen.count == sessions.count ? " (observed Established)" : ""
        }
        if p.isEmpty && s.isEmpty {
            if let u = unsure(primary) ?? unsure(secondary) {
                audit.inconclusive(peering, "cannot tell whether either link\(family) has a BGP session: \(u)",
                                   related: (graph.ambiguousParts(on: primary) + graph.ambiguousParts(on: secondary)).flatMap { $0.part.related("unjoined \($0.part.kind == .bgpSession ? "session" : "interface")") })
                return
            }
            let present = (graph.terminations(of: primary.id) + graph.terminations(of: secondary.id)).compactMap { graph.routerConfig(of: $0)?.name }
            let why = idle(primary) + idle(secondary)
            if present.isEmpty {
                audit.inconclusive(peering, "no router config has a BGP session or interface on either link\(family) (primary \(pp), secondary \(sp)); add the configs of the routers that terminate this peering")
            } else {
                audit.violation(peering, "neither link\(family) has a working BGP session: "
                                + (why.isEmpty ? "\(Set(present).sorted().joined(separator: ", ")) have addresses in \(pp) / \(sp) but no active neighbor towards Microsoft" : why.joined(separator: "; ")),
                                related: (graph.sessions(on: primary) + graph.sessions(on: secondary)).flatMap { $0.related("BGP session") })
            }
            return
        }
        for (missing, present, other) in [(secondary, p, "primary"), (primary, s, "secondary")] where !present.isEmpty {
            guard (other == "primary" ? s : p).isEmpty else { continue }
            let on = Set(present.map(\.router)).sorted().joined(separator: ", ")
            if let u = unsure(missing) {
                audit.inconclusive(peering, "cannot tell whether the \(missing.name) link \(missing.link!.prefix)\(family) has a BGP session: \(u)",
                                   related: related + graph.ambiguousParts(on: missing).flatMap { $0.part.related("unjoined session") })
                continue
            }
            let idle = idle(missing)
            let iface = graph.interfaces(on: missing).compactMap { i in graph.routerConfig(of: i).map { "\($0.name) \(i.name)" } }
            let detail = !idle.isEmpty ? idle.joined(separator: ", ")
                : iface.isEmpty ? "no router config has a BGP session in it"
                : "\(iface.joined(separator: ", ")) has an address in it but no active BGP session"
            audit.violation(peering, "\(missing.name) link \(missing.link!.prefix)\(family) is missing: \(detail); the \(other) session is on \(on)\(observedUp(present)), so this peering has a single path",
                            severity: .warning, related: related + evidence(missing))
        }
        guard !p.isEmpty, !s.isEmpty else { return }
        let shared = Set(p.map(\.router)).intersection(s.map(\.router))
        if !shared.isEmpty {
            audit.violation(peering, "primary \(pp) and secondary \(sp)\(family) both end on \(shared.sorted().joined(separator: ", "))\(observedUp(p + s)): one router failure takes down both links", related: related)
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("both links of the private peering on one router", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2"), .init("172.16.0.6")]),
        ], mentions: ["both end on edge-1"]),
        RuleExample("the secondary session is in no router config", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
        ], mentions: ["secondary link 172.16.0.4/30 is missing"]),
        RuleExample("the secondary session is deactivated", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
            Fragment.deactivated(Fragment.junos("edge-2", [.init("172.16.0.6")])),
        ], mentions: ["edge-2 neighbor 172.16.0.6 is inactive"]),
        RuleExample("the secondary router's BGP is deactivated as a whole", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
            Fragment.deactivated(Fragment.junos("edge-2", [.init("172.16.0.6")]), "bgp"),
        ], mentions: ["edge-2 neighbor 172.16.0.6 is inactive: protocols bgp (line 4) is deactivated"]),
        RuleExample("the secondary session's unit is disabled", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
            Fragment.junos("edge-2", [.init("172.16.0.6")], units: [.init("xe-0/0/1.100", "172.16.0.5/30", vlan: 100, disabled: true)]),
        ], mentions: ["edge-2 neighbor 172.16.0.6 is down: its interface xe-0/0/1.100 is off (unit xe-0/0/1.100 is disabled"]),
        RuleExample("the secondary session is configured, but the router reports it Active", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
            Fragment.junos("edge-2", [.init("172.16.0.6")]),
            Fragment.junosState("edge-2", [("172.16.0.6", "Active", nil)]),
        ], mentions: ["edge-2 neighbor 172.16.0.6 is configured, but the router reports it Active, not Established (observed state"]),
        RuleExample("the secondary session is to an AS other than Microsoft's", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
            Fragment.junos("edge-2", [.init("172.16.0.6", peerAS: 12067)]),
        ], mentions: ["edge-2 neighbor 172.16.0.6 cannot come up: its peer AS is 12067, not Microsoft's 12076"]),
        RuleExample("the secondary router's local AS is not the peering's peerASN", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
            RuleExample.File("routers/edge-2.xml", Fragment.junos("edge-2", [.init("172.16.0.6")]).content.replacingOccurrences(of: "<as-number>64510<", with: "<as-number>64520<")),
        ], mentions: ["its local AS is 64520, but the peering's peerASN is 64510"]),
        RuleExample("the secondary sub-interface is on another VLAN than the peering's", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering(vlan: 100)])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")], units: [.init("xe-0/0/0.100", "172.16.0.1/30", vlan: 100)]),
            Fragment.junos("edge-2", [.init("172.16.0.6")], units: [.init("xe-0/0/0.110", "172.16.0.5/30", vlan: 110)]),
        ], mentions: ["its interface xe-0/0/0.110 is on VLAN 110, but the peering's vlanId is 100"]),
        RuleExample("the secondary router took Microsoft's address of the /30", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
            Fragment.junos("edge-2", [.init("172.16.0.5")], units: [.init("xe-0/0/0.100", "172.16.0.6/30", vlan: 100)]),
        ], mentions: ["its neighbor 172.16.0.5 is not Microsoft's address in 172.16.0.4/30, 172.16.0.6", "its interface xe-0/0/0.100 has 172.16.0.6, not the router's address in 172.16.0.4/30, 172.16.0.5"]),
        RuleExample("an MD5 key on the peering but not on the secondary session", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering(md5: true)])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", md5: true)]),
            Fragment.junos("edge-2", [.init("172.16.0.6")]),
        ], mentions: ["edge-2 neighbor 172.16.0.6 cannot come up: the peering has an MD5 key (sharedKey) and the session none"]),
        RuleExample("two customers reuse the /30s in their own VRFs, and one's secondary is missing", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering(vlan: 100)]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription, peerings: [Fragment.privatePeering(vlan: 200)])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", instance: "ACME"), .init("172.16.0.2", instance: "GLOBEX")],
                           units: [.init("xe-0/0/0.100", "172.16.0.1/30", vlan: 100, instance: "ACME"), .init("xe-0/0/1.200", "172.16.0.1/30", vlan: 200, instance: "GLOBEX")]),
            Fragment.junos("edge-2", [.init("172.16.0.6", instance: "ACME")], units: [.init("xe-0/0/0.100", "172.16.0.5/30", vlan: 100, instance: "ACME")]),
        ], manifest: Fragment.manifest(twoCustomers: true), mentions: ["secondary link 172.16.0.4/30 is missing", "the primary session is on edge-1"]),
        RuleExample("a reused /30 told apart by the VRF's Microsoft peering session", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering(), Fragment.microsoftPeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription,
                                            peerings: [Fragment.privatePeering(), Fragment.microsoftPeering("100.200.1.0/30", "100.200.1.4/30")])]),
            Fragment.junos("edge-1", [.init("172.16.0.2", instance: "ACME"), .init("100.200.0.2", instance: "ACME"),
                                      .init("172.16.0.2", instance: "GLOBEX"), .init("100.200.1.2", instance: "GLOBEX")]),
            Fragment.junos("edge-2", [.init("172.16.0.6", instance: "ACME"), .init("100.200.0.6", instance: "ACME"), .init("100.200.1.6", instance: "GLOBEX")]),
        ], manifest: Fragment.manifest(twoCustomers: true), mentions: ["secondary link 172.16.0.4/30 is missing"]),
        RuleExample("primary and secondary on two routers, both observed Established", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
            Fragment.junos("edge-2", [.init("172.16.0.6")]),
            Fragment.junosState("edge-1", [("172.16.0.2", "Established", "up")]),
            Fragment.junosState("edge-2", [("172.16.0.6", "Established", "up")]),
        ]),
        RuleExample("primary and secondary on two routers", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
            Fragment.junos("edge-1", [.init("172.16.0.2")]),
            Fragment.junos("edge-2", [.init("172.16.0.6")]),
        ]),
    ]
}
