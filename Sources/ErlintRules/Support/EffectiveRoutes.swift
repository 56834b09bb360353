import ErlintModel

/// One route as Azure would show it in a subnet's effective routes.
struct EffectiveRoute {
    enum Source: Int, Comparable {
        /// A UDR beats BGP, which beats a system route, for the same prefix.
        case user = 0, bgp = 1, system = 2
        static func < (lhs: Source, rhs: Source) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Where a route comes from. A UDR keeps its node and its table, and its description is made
    /// only when a finding shows it: every route table's routes are made (tens of thousands per
    /// batch), and a text and a related location made for each were most of UDR001's time.
    enum Provenance {
        case userRoute(EstateNode, table: EstateNode)
        case described(String, related: [RelatedLocation])
    }

    let prefix: IPPrefix
    let nextHopType: String
    let nextHop: IPAddress?
    let source: Source
    let provenance: Provenance

    init(prefix: IPPrefix, nextHopType: String, nextHop: IPAddress?, source: Source, origin: String, related: [RelatedLocation]) {
        self.init(prefix: prefix, nextHopType: nextHopType, nextHop: nextHop, source: source, provenance: .described(origin, related: related))
    }

    init(prefix: IPPrefix, nextHopType: String, nextHop: IPAddress?, source: Source, provenance: Provenance) {
        self.prefix = prefix
        self.nextHopType = nextHopType
        self.nextHop = nextHop
        self.source = source
        self.provenance = provenance
    }

    /// Where the route comes from, for the finding: "UDR r1 in rt-spoke", "BGP from edge-1…".
    var origin: String {
        switch provenance {
        case .userRoute(let route, let table): "UDR \(route.name) in \(table.name)"
        case .described(let text, _): text
        }
    }

    var related: [RelatedLocation] {
        switch provenance {
        case .userRoute(let route, _): route.related("UDR \(route.name)")
        case .described(_, let related): related
        }
    }

    var isAppliance: Bool { nextHopType.lowercasedEquals("virtualappliance") }

    var describe: String {
        "\(nextHopType)\(nextHop.map { " \($0)" } ?? "") by \(origin)"
    }
}

/// Which VNets reach a circuit and what they learn over BGP from on-premises: the inputs to the
/// effective routes of their subnets (DESIGN §3, UDR).
struct CircuitReach {
    struct Hub {
        let vnet: EstateNode
        let circuits: [EstateNode]
    }

    /// Per VNet key: the hub whose gateway it uses (itself, or a peered hub through gateway transit).
    let hubOf: [String: Hub]
    /// Per hub VNet key: the spokes that use its gateway.
    let spokes: [String: [EstateNode]]

    init(_ graph: EstateGraph) {
        var hubs: [String: Hub] = [:]
        for g in graph.nodes(.gateway) where g.gateway?.isExpressRoute == true {
            let circuits = graph.circuits(of: g)
            guard !circuits.isEmpty, let vnet = graph.virtualNetwork(of: g) else { continue }
            let existing = hubs[vnet.key]
            hubs[vnet.key] = Hub(vnet: vnet, circuits: (existing?.circuits ?? []) + circuits)
        }
        var reach = hubs
        var spokes: [String: [EstateNode]] = [:]
        for vnet in graph.nodes(.virtualNetwork) where hubs[vnet.key] == nil {
            for (p, remote) in graph.vnetPeerings(of: vnet) {
                if p.virtualNetworkPeering?.useRemoteGateways == true, let remote, let hub = hubs[remote.key] {
                    reach[vnet.key] = hub
                    spokes[remote.key, default: []].append(vnet)
                    break
                }
            }
        }
        hubOf = reach
        self.spokes = spokes
    }

    /// What a VNet's subnets learn over BGP from on-premises: the customer's onPremisesPrefixes,
    /// and what the evaluated export policies of its routers let through over the private
    /// peerings of the hub's circuits.
    static func bgpRoutes(for hub: Hub, customer: Customer?, _ graph: EstateGraph) -> OnPremisesRoutes {
        var learned = OnPremisesRoutes()
        let circuitNames = hub.circuits.map(\.name).joined(separator: ", ")
        for p in customer?.onPremisesPrefixes ?? [] {
            learned.routes.append(EffectiveRoute(prefix: p, nextHopType: "VirtualNetworkGateway", nextHop: nil, source: .bgp,
                                                 origin: "BGP route \(p) (on-premises prefix of \(customer!.id) in the manifest) over \(circuitNames)",
                                                 related: []))
        }
        for circuit in hub.circuits {
            for peering in graph.peerings(of: circuit) where peering.peering?.kind == .azurePrivatePeering {
                for link in graph.links(of: peering) {
                    for s in graph.sessions(on: link) {
                        guard let session = s.session, session.state == .active, let router = graph.routerConfig(of: s) else { continue }
                        learned.add(router.exports(session), of: session.describe(on: router.name), over: circuit.name,
                                    related: s.related("BGP session") + session.policyLocations(router))
                    }
                }
            }
        }
        return learned
    }

    /// System routes of a VNet: its own space, peered VNets' space, and the default to the internet.
    static func systemRoutes(for vnet: EstateNode, _ graph: EstateGraph) -> [EffectiveRoute] {
        var routes = (vnet.virtualNetwork?.addressPrefixes ?? []).map {
            EffectiveRoute(prefix: $0, nextHopType: "VnetLocal", nextHop: nil, source: .system, origin: "system route (VNet address space)", related: [])
        }
        for (_, remote) in graph.vnetPeerings(of: vnet) {
            for p in remote?.virtualNetwork?.addressPrefixes ?? [] {
                routes.append(EffectiveRoute(prefix: p, nextHopType: "VNetPeering", nextHop: nil, source: .system,
                                             origin: "system route (peered VNet \(remote!.name))", related: []))
            }
        }
        routes.append(EffectiveRoute(prefix: IPPrefix("0.0.0.0/0")!, nextHopType: "Internet", nextHop: nil, source: .system,
                                     origin: "system default route", related: []))
        return routes
    }

    /// The UDRs of a route table.
    static func userRoutes(_ table: EstateNode?, _ graph: EstateGraph) -> [EffectiveRoute] {
        guard let table else { return [] }
        return graph.routes(of: table).compactMap { r in
            guard let route = r.route, let prefix = route.addressPrefix else { return nil }
            return EffectiveRoute(prefix: prefix, nextHopType: route.nextHopType ?? "None", nextHop: route.nextHopIpAddress,
                                  source: .user, provenance: .userRoute(r, table: table))
        }
    }

    /// Longest-prefix match for a destination prefix; a UDR beats BGP beats system on a tie, and
    /// of equals the first listed wins.
    static func winner(for destination: IPPrefix, in routes: [EffectiveRoute]) -> EffectiveRoute? {
        winner(for: destination, in: routes, over: nil)
    }

    /// The winner among `current` and `routes`, which come after it: effective routes are the
    /// UDRs, then BGP routes, then system routes, and are looked through list by list instead
    /// of copied into one.
    static func winner(for destination: IPPrefix, in routes: [EffectiveRoute], over current: EffectiveRoute?) -> EffectiveRoute? {
        var best = current
        for r in routes where r.prefix.contains(destination) {
            if let b = best, r.prefix.length != b.prefix.length ? r.prefix.length <= b.prefix.length : r.source >= b.source { continue }
            best = r
        }
        return best
    }
}

/// What a hub's VNets learn over BGP from on-premises.
struct OnPremisesRoutes {
    /// One exported range that lets routes longer than its prefix through.
    struct VariableExport {
        let range: PrefixRange
        let origin: String
        let related: [RelatedLocation]
    }

    /// The routes the export policies name outright (a range's own prefix), as effective routes.
    var routes: [EffectiveRoute] = []
    /// Ranges that let more-specific routes through: any of them on-premises has is a route
    /// longer than the range's prefix, and beats a shorter UDR (Azure picks the longest prefix
    /// before it looks at where a route comes from).
    var variable: [VariableExport] = []
    /// Sessions whose exports depend on what erlint cannot read, each with why.
    var unknown: [String] = []

    mutating func add(_ exported: PolicyOutcome, of session: String, over circuit: String, related: [RelatedLocation]) {
        for r in exported.certain.ranges {
            if r.includesItsPrefix {
                routes.append(EffectiveRoute(prefix: r.prefix, nextHopType: "VirtualNetworkGateway", nextHop: nil, source: .bgp,
                                             origin: "BGP route \(r.prefix) exported by \(session) over \(circuit)", related: related))
            }
            if r.lengths.upperBound > r.prefix.length {
                variable.append(VariableExport(range: r, origin: "\(session) over \(circuit)", related: related))
            }
        }
        if !exported.possible.subtracting(exported.certain).isEmpty {
            unknown.append("\(session) (\(exported.unknowns.map(\.description).joined(separator: "; ")))")
        }
    }
}

/// Subnets Azure manages itself: no UDR check applies to them as to workload subnets.
let specialSubnets: Set<String> = ["gatewaysubnet", "azurefirewallsubnet", "azurefirewallmanagementsubnet",
                                   "azurebastionsubnet", "routeserversubnet"]
