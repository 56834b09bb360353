/// The whole estate as one immutable graph: every rule reads this and nothing else.
///
/// Built once after ingest; everything in it is a value, so rules can read it from many
/// threads at once. Lookups by id (case-insensitive) and by address (longest-prefix match) are
/// the hot paths and are indexed.
public struct EstateGraph: Sendable {
    public let nodes: [EstateNode]
    public let edges: [EstateEdge]
    public let manifest: EstateManifest?
    public let danglingReferences: [DanglingReference]
    /// Resources read more than once (the same id in two exports): the first is kept.
    public let duplicates: [(id: ResourceID, kept: SourceLocation, ignored: SourceLocation)]
    /// Router configs with a name already taken by another file: the first is kept.
    public let duplicateRouters: [(name: String, kept: SourceLocation, ignored: SourceLocation)]
    /// Resources whose subscription no customer in the manifest claims.
    public let unclaimed: [NodeID]

    private let byKey: [NodeKey: NodeID]
    private let byKind: [NodeKind: [NodeID]]
    private let outgoing: [[Int32]]
    private let incoming: [[Int32]]
    private let customerOfNode: [Int32]
    public let addresses: PrefixTrie<AddressOwner>

    public init(resources: [Resource], routers: [RouterConfig] = [], manifest: EstateManifest?) {
        var builder = Builder(manifest: manifest)
        builder.build(resources, routers: routers)
        nodes = builder.nodes
        edges = builder.edges
        self.manifest = manifest
        danglingReferences = builder.dangling.sorted()
        duplicates = builder.duplicates
        duplicateRouters = builder.duplicateRouters
        byKey = builder.byKey
        addresses = builder.trie

        var kinds: [NodeKind: [NodeID]] = [:]
        for n in nodes { kinds[n.kind, default: []].append(n.id) }
        byKind = kinds
        var out = Array(repeating: [Int32](), count: nodes.count)
        var inc = Array(repeating: [Int32](), count: nodes.count)
        for (i, e) in edges.enumerated() {
            out[Int(e.from.index)].append(Int32(i))
            inc[Int(e.to.index)].append(Int32(i))
        }
        outgoing = out
        incoming = inc
        customerOfNode = builder.customerOfNode
        unclaimed = nodes.filter { $0.resource != nil && builder.customerOfNode[Int($0.id.index)] < 0 }.map(\.id)
    }

    // MARK: Lookups

    public subscript(id: NodeID) -> EstateNode { nodes[Int(id.index)] }

    /// The node of a resource id, compared case-insensitively.
    public func node(for id: ResourceID) -> EstateNode? { byKey[NodeKey(id.key)].map { self[$0] } }

    public func node(forKey key: String) -> EstateNode? { byKey[NodeKey(key)].map { self[$0] } }

    public func customerNode(_ customerID: String) -> EstateNode? { node(forKey: "customer:" + customerID) }

    public func nodes(_ kind: NodeKind) -> [EstateNode] { (byKind[kind] ?? []).map { self[$0] } }

    public func count(_ kind: NodeKind) -> Int { byKind[kind]?.count ?? 0 }

    public func outgoingEdges(_ id: NodeID) -> [EstateEdge] { outgoing[Int(id.index)].map { edges[Int($0)] } }

    public func incomingEdges(_ id: NodeID) -> [EstateEdge] { incoming[Int(id.index)].map { edges[Int($0)] } }

    /// Nodes `id` points at over edges of `kind`, optionally only those of `nodeKind`.
    public func targets(of id: NodeID, _ kind: EstateEdge.Kind, _ nodeKind: NodeKind? = nil) -> [EstateNode] {
        outgoingEdges(id).filter { $0.kind == kind }.map { self[$0.to] }
            .filter { nodeKind == nil || $0.kind == nodeKind }
    }

    /// Nodes that point at `id` over edges of `kind`, optionally only those of `nodeKind`.
    public func sources(of id: NodeID, _ kind: EstateEdge.Kind, _ nodeKind: NodeKind? = nil) -> [EstateNode] {
        incomingEdges(id).filter { $0.kind == kind }.map { self[$0.from] }
            .filter { nodeKind == nil || $0.kind == nodeKind }
    }

    public func children(of id: NodeID, _ kind: NodeKind? = nil) -> [EstateNode] { targets(of: id, .contains, kind) }

    public func parent(of id: NodeID) -> EstateNode? { sources(of: id, .contains).first }

    /// The customer whose subscription holds this node (for links, that of their peering).
    public func customer(of id: NodeID) -> Customer? {
        let c = customerOfNode[Int(id.index)]
        return c < 0 ? nil : self[NodeID(Int(c))].customer
    }

    /// The customer node whose subscription holds this node, without taking its customer out.
    public func customerNode(of id: NodeID) -> NodeID? {
        let c = customerOfNode[Int(id.index)]
        return c < 0 ? nil : NodeID(Int(c))
    }

    /// How many resources each customer holds, in one pass over the graph.
    public func resourceCountsByCustomer() -> [String: Int] {
        var counts: [String: Int] = [:]
        for n in nodes where customerOfNode[Int(n.id.index)] >= 0 {
            if case .resource = n.payload, let c = customer(of: n.id) { counts[c.id, default: 0] += 1 }
        }
        return counts
    }

    /// Resources of a customer, in graph order.
    public func resources(of customerID: String) -> [EstateNode] {
        guard let c = customerNode(customerID) else { return [] }
        return nodes.filter { $0.resource != nil && customerOfNode[Int($0.id.index)] == c.id.index }
    }

    // MARK: Routers and circuit links

    /// Router sessions and interfaces whose address lies in this link's prefix.
    public func terminations(of link: NodeID) -> [EstateNode] { sources(of: link, .terminates) }

    /// The circuit links a session or interface terminates.
    public func terminatedLinks(of id: NodeID) -> [EstateNode] { targets(of: id, .terminates, .link) }

    /// The router a session, interface or VRF belongs to.
    public func router(of id: NodeID) -> EstateNode? { sources(of: id, .contains, .router).first }

    /// BGP sessions that lie in no circuit link (iBGP, transit, or a /30 typed wrong).
    public func unmatchedSessions() -> [EstateNode] {
        nodes(.bgpSession).filter { terminatedLinks(of: $0.id).isEmpty }
    }

    /// Links on which no router config has a BGP session.
    public func unterminatedLinks() -> [EstateNode] {
        nodes(.link).filter { link in !terminations(of: link.id).contains { $0.kind == .bgpSession } }
    }

    /// Owners of the most specific indexed prefix containing the address.
    public func owners(of address: IPAddress) -> [AddressOwner] { addresses.longestMatch(address)?.values ?? [] }

    /// Every indexed prefix containing the address, shortest first, with their owners.
    public func allOwners(of address: IPAddress) -> [(prefix: IPPrefix, values: [AddressOwner])] {
        addresses.matches(address)
    }
}
