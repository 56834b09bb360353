import ErlintModel

/// What the HTML report draws for one customer: routers, circuits with their links, gateways,
/// VNets and firewalls, each with the subject findings use, so broken things can be marked.
public struct CustomerTopology: Sendable {
    public struct Box: Sendable, Hashable {
        public var name: String
        public var subject: String
        public var detail: String
    }
    public struct Link: Sendable, Hashable {
        public var circuit: String
        public var peering: String
        public var side: String
        public var prefix: String
        /// Routers with an active session on the link.
        public var routers: [String]
    }
    public var customer: String
    public var routers: [Box] = []
    public var circuits: [Box] = []
    public var links: [Link] = []
    public var gateways: [Box] = []
    /// Gateway subject → circuit subjects.
    public var connections: [String: [String]] = [:]
    public var networks: [Box] = []
    /// VNet subject → gateway subjects in it, and VNet subject → peered VNet subjects.
    public var gatewaysIn: [String: [String]] = [:]
    public var peerings: [String: [String]] = [:]
    public var firewalls: [Box] = []
    /// Firewall subject → VNet subject.
    public var firewallIn: [String: String] = [:]

    /// One topology per customer of the manifest, plus `unclaimed` when resources no customer
    /// claims hold circuits (in graph order, so the same estate draws the same picture).
    ///
    /// `owns` limits the picture to one shard's or batch's own nodes (the graph also holds others'
    /// read for context); `merged` puts such partial pictures back together.
    public static func build(_ graph: EstateGraph, owns: ((EstateNode) -> Bool)? = nil) -> [CustomerTopology] {
        var byCustomer: [String: CustomerTopology] = [:]
        func key(_ n: EstateNode) -> String { graph.customerID(of: n.id) ?? "" }
        // In place: copying a topology out of the dictionary and back would copy its arrays on
        // every addition (quadratic for an estate with thousands of circuits).
        func add(_ n: EstateNode, _ f: (inout CustomerTopology) -> Void) {
            if let owns, !owns(n) { return }
            let k = key(n)
            f(&byCustomer[k, default: CustomerTopology(customer: k)])
        }
        for c in graph.nodes(.circuit) {
            guard case .circuit(let circuit)? = c.resource?.detail else { continue }
            let detail = [circuit.peeringLocation, circuit.bandwidthInMbps.map { "\($0) Mbps" }, circuit.skuTier]
                .compactMap { $0 }.joined(separator: " · ")
            add(c) { $0.circuits.append(Box(name: c.name, subject: c.subject, detail: detail)) }
            for p in graph.children(of: c.id, .peering) {
                for l in graph.children(of: p.id, .link) {
                    guard let link = l.link else { continue }
                    var routers: [String] = []
                    for s in graph.terminations(of: l.id) where s.kind == .bgpSession && s.session?.state == .active {
                        if let r = graph.router(of: s.id) {
                            routers.append(r.name)
                            add(c) { t in
                                if !t.routers.contains(where: { $0.name == r.name }) {
                                    t.routers.append(Box(name: r.name, subject: r.subject, detail: r.router?.dialectName ?? ""))
                                }
                            }
                        }
                    }
                    add(c) { $0.links.append(Link(circuit: c.subject, peering: p.name, side: l.name, prefix: link.prefix.description, routers: routers)) }
                }
            }
        }
        for g in graph.nodes(.gateway) {
            guard case .gateway(let gw)? = g.resource?.detail, gw.isExpressRoute else { continue }
            let circuits = graph.sources(of: g.id, .references, .connection)
                .flatMap { graph.targets(of: $0.id, .references, .circuit) }.map(\.subject)
            let vnet = graph.targets(of: g.id, .references, .subnet).compactMap { graph.parent(of: $0.id) }.first
            add(g) { t in
                t.gateways.append(Box(name: g.name, subject: g.subject, detail: gw.skuName ?? ""))
                t.connections[g.subject] = circuits
                if let vnet { t.gatewaysIn[vnet.subject, default: []].append(g.subject) }
            }
        }
        for v in graph.nodes(.virtualNetwork) {
            guard case .virtualNetwork(let vnet)? = v.resource?.detail else { continue }
            let peers = graph.children(of: v.id, .virtualNetworkPeering)
                .flatMap { graph.targets(of: $0.id, .references, .virtualNetwork) }.map(\.subject)
            add(v) { t in
                t.networks.append(Box(name: v.name, subject: v.subject, detail: vnet.addressPrefixes.map(\.description).joined(separator: ", ")))
                t.peerings[v.subject] = peers
            }
        }
        for f in graph.nodes(.firewall) {
            let vnet = graph.targets(of: f.id, .references, .subnet).compactMap { graph.parent(of: $0.id) }.first
            let ips: String = if case .firewall(let fw)? = f.resource?.detail { fw.privateIPAddresses.map(\.description).joined(separator: ", ") } else { "" }
            add(f) { t in
                t.firewalls.append(Box(name: f.name, subject: f.subject, detail: ips))
                if let vnet { t.firewallIn[f.subject] = vnet.subject }
            }
        }
        // A gateway connected to another customer's circuit (SEG003) shows that circuit too.
        for k in Array(byCustomer.keys) {
            let own = Set(byCustomer[k]!.circuits.map { $0.subject.caseFolded })
            for subject in Set(byCustomer[k]!.connections.values.flatMap { $0 }) where !own.contains(subject.caseFolded) {
                guard let c = graph.node(for: ResourceID(subject)) else { continue }
                let owner = graph.customerID(of: c.id) ?? "an unclaimed subscription"
                byCustomer[k]!.circuits.append(Box(name: c.name, subject: c.subject, detail: "circuit of \(owner)"))
            }
        }
        let customers = graph.manifest?.customers.map(\.id) ?? []
        return (customers.compactMap { byCustomer[$0] } + (byCustomer[""].map { [$0] } ?? [])).map { $0.sorted() }
    }

    /// Every list by subject, so that the picture does not depend on the order things were read.
    func sorted() -> CustomerTopology {
        func bySubject(_ boxes: [Box]) -> [Box] { boxes.map { ($0.subject.caseFolded, $0) }.sorted { $0.0 < $1.0 }.map(\.1) }
        var t = self
        t.routers = bySubject(routers)
        t.circuits = bySubject(circuits)
        t.gateways = bySubject(gateways)
        t.networks = bySubject(networks)
        t.firewalls = bySubject(firewalls)
        t.links = links.map { (($0.circuit.lowercased(), $0.peering, $0.side), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        t.gatewaysIn = gatewaysIn.mapValues { $0.sorted() }
        return t
    }

    /// Partial pictures of one customer (from several batches) as one.
    public static func merged(_ parts: [CustomerTopology]) -> CustomerTopology? {
        guard var out = parts.first else { return nil }
        for p in parts.dropFirst() {
            for r in p.routers where !out.routers.contains(where: { $0.name == r.name }) { out.routers.append(r) }
            out.circuits += p.circuits
            out.links += p.links
            out.gateways += p.gateways
            out.networks += p.networks
            out.firewalls += p.firewalls
            out.connections.merge(p.connections) { a, _ in a }
            out.gatewaysIn.merge(p.gatewaysIn) { a, b in a + b }
            out.peerings.merge(p.peerings) { a, _ in a }
            out.firewallIn.merge(p.firewallIn) { a, _ in a }
        }
        return out.sorted()
    }
}
