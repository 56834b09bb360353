import ErlintModel

/// The walks rules share: circuit to peerings and links, links to the sessions on them,
/// gateways to circuits, subnets to route tables. Named for the domain so rules read as prose.
extension EstateGraph {
    /// Nodes `id` names in field `field`.
    func referenced(from id: NodeID, field: ReferenceField) -> [EstateNode] {
        outgoingEdges(id).filter { $0.kind == .references && $0.field == field }.map { self[$0.to] }
    }

    /// Nodes that name `id` in field `field`.
    func referencing(_ id: NodeID, field: ReferenceField) -> [EstateNode] {
        incomingEdges(id).filter { $0.kind == .references && $0.field == field }.map { self[$0.from] }
    }

    func peerings(of circuit: EstateNode) -> [EstateNode] { children(of: circuit.id, .peering) }

    func links(of peering: EstateNode) -> [EstateNode] { children(of: peering.id, .link) }

    /// Sessions and interfaces that may terminate a link but were left unjoined because their
    /// address lies in several customers' links: what a rule missing the link cannot rule out.
    func ambiguousParts(on link: EstateNode) -> [(part: EstateNode, links: [EstateNode])] {
        ambiguousJoins.filter { $0.links.contains(link.id) }.map { (self[$0.part], $0.links.map { self[$0] }) }
    }

    /// "the primary link of er-ams (acme)", for messages.
    func describe(link: EstateNode) -> String {
        guard let l = link.link else { return link.name }
        return "the \(link.name) link of \(l.circuit.lastName)" + (customerID(of: link.id).map { " (\($0))" } ?? "")
    }

    /// The circuit a peering or link belongs to.
    func circuit(of peering: EstateNode) -> EstateNode? {
        if let l = peering.link { return node(for: l.circuit) }
        return parent(of: peering.id).flatMap { $0.kind == .circuit ? $0 : nil }
    }

    /// BGP sessions in router configs whose neighbor lies in the link's prefix.
    func sessions(on link: EstateNode) -> [EstateNode] { terminations(of: link.id).filter { $0.kind == .bgpSession } }

    /// Router interfaces with an address in the link's prefix.
    func interfaces(on link: EstateNode) -> [EstateNode] { terminations(of: link.id).filter { $0.kind == .routerInterface } }

    /// ExpressRoute connections whose `peer` is this circuit.
    func connections(to circuit: EstateNode) -> [EstateNode] {
        referencing(circuit.id, field: .peer).filter { $0.kind == .connection }
    }

    /// Connections of a gateway (as `virtualNetworkGateway1`).
    func connections(of gateway: EstateNode) -> [EstateNode] {
        referencing(gateway.id, field: .virtualNetworkGateway1).filter { $0.kind == .connection }
    }

    /// Circuits a gateway is connected to (sorted by id, so messages do not depend on file order) through ExpressRoute connections.
    func circuits(of gateway: EstateNode) -> [EstateNode] {
        var seen = Set<NodeID>()
        return connections(of: gateway).flatMap { referenced(from: $0.id, field: .peer) }
            .filter { $0.kind == .circuit && seen.insert($0.id).inserted }.sorted { $0.key < $1.key }
    }

    /// Gateways connected to a circuit.
    func gateways(of circuit: EstateNode) -> [EstateNode] {
        var seen = Set<NodeID>()
        return connections(to: circuit).flatMap { referenced(from: $0.id, field: .virtualNetworkGateway1) }
            .filter { $0.kind == .gateway && seen.insert($0.id).inserted }.sorted { $0.key < $1.key }
    }

    /// The VNet a gateway (or firewall) sits in, through the subnet of its IP configuration.
    func virtualNetwork(of gateway: EstateNode) -> EstateNode? {
        for s in referenced(from: gateway.id, field: .ipConfigurationSubnet) where s.kind == .subnet {
            if let v = parent(of: s.id), v.kind == .virtualNetwork { return v }
        }
        return nil
    }

    /// Gateways whose GatewaySubnet is in this VNet.
    func gateways(in vnet: EstateNode) -> [EstateNode] {
        children(of: vnet.id, .subnet).flatMap { referencing($0.id, field: .ipConfigurationSubnet) }
            .filter { $0.kind == .gateway }
    }

    func routeTable(of subnet: EstateNode) -> EstateNode? {
        referenced(from: subnet.id, field: .routeTable).first { $0.kind == .routeTable }
    }

    func routes(of table: EstateNode) -> [EstateNode] { children(of: table.id, .route) }

    /// The VNet peerings of a VNet, with the remote VNet when it is in the exports.
    func vnetPeerings(of vnet: EstateNode) -> [(peering: EstateNode, remote: EstateNode?)] {
        children(of: vnet.id, .virtualNetworkPeering).map { p in
            (p, referenced(from: p.id, field: .remoteVirtualNetwork).first { $0.kind == .virtualNetwork })
        }
    }

    /// Whether an Azure Firewall or a NIC with IP forwarding sits in the subnet.
    func hostsAppliance(_ subnet: EstateNode) -> Bool {
        referencing(subnet.id, field: .ipConfigurationSubnet).contains { n in
            n.kind == .firewall || (n.kind == .networkInterface && { if case .networkInterface(let nic)? = n.resource?.detail { nic.enableIPForwarding == true } else { false } }())
        }
    }

    /// The session's router config, for evidence.
    func routerConfig(of session: EstateNode) -> RouterConfig? {
        switch session.payload {
        case .router(let r), .routerInterface(let r, _), .session(let r, _), .routingInstance(let r, _): r.config
        default: nil
        }
    }
}

extension EstateNode {
    var circuit: Circuit? { if case .circuit(let c)? = resource?.detail { c } else { nil } }
    var peering: CircuitPeering? { if case .circuitPeering(let p)? = resource?.detail { p } else { nil } }
    var gateway: VirtualNetworkGateway? { if case .gateway(let g)? = resource?.detail { g } else { nil } }
    var connection: Connection? { if case .connection(let c)? = resource?.detail { c } else { nil } }
    var subnet: Subnet? { if case .subnet(let s)? = resource?.detail { s } else { nil } }
    var virtualNetwork: VirtualNetwork? { if case .virtualNetwork(let v)? = resource?.detail { v } else { nil } }
    var routeTable: RouteTable? { if case .routeTable(let t)? = resource?.detail { t } else { nil } }
    var route: Route? { if case .route(let r)? = resource?.detail { r } else { nil } }
    var port: ExpressRoutePort? { if case .port(let p)? = resource?.detail { p } else { nil } }
    var portLink: PortLink? { if case .portLink(let l)? = resource?.detail { l } else { nil } }
    var virtualNetworkPeering: VirtualNetworkPeering? {
        if case .virtualNetworkPeering(let p)? = resource?.detail { p } else { nil }
    }

    /// Where this node was read, as a related location.
    func related(_ what: String) -> [RelatedLocation] {
        origin.map { [RelatedLocation(what, $0)] } ?? []
    }
}

extension BGPSession {
    /// Where the session's export policies are written, for a finding's related locations.
    func policyLocations(_ router: RouterConfig) -> [RelatedLocation] {
        exportPolicies.compactMap { name in router.policy(named: name).map { RelatedLocation("export policy \(name)", $0.location) } }
    }
}
