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
    /// Router sessions and interfaces left unjoined because their address lies in several
    /// customers' links and nothing says whose they are.
    public let ambiguousJoins: [AmbiguousJoin]
    /// Resources whose subscription no customer in the manifest claims.
    public let unclaimed: [NodeID]

    private let byKey: NodeKeyTable
    private let byKind: [NodeKind: [NodeID]]
    /// Edges are sorted by their source: node n's outgoing edges are `edges[outStart[n]..<outStart[n + 1]]`.
    private let outStart: [Int32]
    /// Edge numbers by target, in edge order: node n's are `inList[inStart[n]..<inStart[n + 1]]`.
    /// Two flat arrays instead of an array of edge numbers per node, which was an allocation
    /// (and a free) per node of every batch.
    private let inList: [Int32]
    private let inStart: [Int32]
    private let customerOfNode: [Int32]
    public let addresses: PrefixTrie<AddressOwner>

    public init(resources: [Resource], routers: [RouterConfig] = [], manifest: EstateManifest?) {
        self.init(resourceRuns: [resources], routers: routers, manifest: manifest)
    }

    /// The same from runs of resources (each file's, in order), taken as they are: joined into
    /// one array first, every resource was retained into it and released again with its file's.
    ///
    /// `linkedPartsOnly` names routers (lowercased, with their parts by link) of which only what
    /// lies on the graph's circuit links is wanted: the router, and the interfaces and sessions
    /// in those links with their VRFs. A batch of customers that shares a CSP's router with all
    /// the others needs no more of it (the rest is the other customers', and reported by their
    /// batches); adding the whole router to every batch made the cost of a router serving every
    /// customer grow with the number of batches times the router.
    public init(resourceRuns: [[Resource]], routers: [RouterConfig] = [], manifest: EstateManifest?,
                linkedPartsOnly: [String: RouterLinkParts] = [:]) {
        var builder = Builder(manifest: manifest)
        builder.linkedPartsOnly = linkedPartsOnly
        builder.build(resourceRuns, routers: routers)
        nodes = builder.nodes
        edges = builder.edges
        self.manifest = manifest
        danglingReferences = builder.dangling.sorted()
        duplicates = builder.duplicates
        duplicateRouters = builder.duplicateRouters
        ambiguousJoins = builder.ambiguousJoins
        byKey = builder.byKey
        addresses = builder.trie

        // Nodes come in runs of one kind (a table's routes, a group's rules): its list is taken
        // out of the table once a run.
        // By index, the kind read in place (a loop over the nodes retained and released each).
        var kinds: [NodeKind: [NodeID]] = [:]
        var run: (kind: NodeKind, ids: [NodeID])?
        for i in nodes.indices {
            let kind = nodes[i].kind
            if run?.kind != kind {
                if let run { kinds[run.kind] = run.ids }
                run = (kind, kinds.removeValue(forKey: kind) ?? [])
            }
            run!.ids.append(NodeID(i))
        }
        if let run { kinds[run.kind] = run.ids }
        byKind = kinds
        assert(zip(edges, edges.dropFirst()).allSatisfy { $0.from <= $1.from }, "the builder sorts edges by their source")
        var outStart = [Int32](repeating: 0, count: nodes.count + 1)
        var inStart = [Int32](repeating: 0, count: nodes.count + 1)
        for e in edges {
            outStart[Int(e.from.index) + 1] += 1
            inStart[Int(e.to.index) + 1] += 1
        }
        for n in 0..<nodes.count {
            outStart[n + 1] += outStart[n]
            inStart[n + 1] += inStart[n]
        }
        var inList = [Int32](repeating: 0, count: edges.count)
        var filled = inStart
        for (i, e) in edges.enumerated() {
            inList[Int(filled[Int(e.to.index)])] = Int32(i)
            filled[Int(e.to.index)] += 1
        }
        self.outStart = outStart
        self.inStart = inStart
        self.inList = inList
        customerOfNode = builder.customerOfNode
        // By index, without a filtered copy of the nodes (each retained and released).
        var unclaimed: [NodeID] = []
        for (i, n) in builder.customerOfNode.enumerated() where n < 0 && nodes[i].isResource { unclaimed.append(NodeID(i)) }
        self.unclaimed = unclaimed
    }

    // MARK: Lookups

    public subscript(id: NodeID) -> EstateNode { nodes[Int(id.index)] }

    /// The node of a resource id, compared case-insensitively.
    public func node(for id: ResourceID) -> EstateNode? { byKey.node(id.text).map { self[$0] } }

    public func node(forKey key: String) -> EstateNode? { byKey.node(key).map { self[$0] } }

    public func customerNode(_ customerID: String) -> EstateNode? { node(forKey: "customer:" + customerID) }

    /// The nodes of one kind, in graph order, read through the index without an array of them
    /// made (rules walk every route of a batch: each node retained into such an array, and the
    /// array allocated, for every rule).
    public func nodes(_ kind: NodeKind) -> NodeList { NodeList(nodes: nodes, ids: byKind[kind] ?? []) }

    public func count(_ kind: NodeKind) -> Int { byKind[kind]?.count ?? 0 }

    public func outgoingEdges(_ id: NodeID) -> [EstateEdge] {
        Array(edges[Int(outStart[Int(id.index)])..<Int(outStart[Int(id.index) + 1])])
    }

    public func incomingEdges(_ id: NodeID) -> [EstateEdge] {
        inList[Int(inStart[Int(id.index)])..<Int(inStart[Int(id.index) + 1])].map { edges[Int($0)] }
    }

    /// Nodes `id` points at over edges of `kind`, optionally only those of `nodeKind`.
    public func targets(of id: NodeID, _ kind: EstateEdge.Kind, _ nodeKind: NodeKind? = nil) -> [EstateNode] {
        var out: [EstateNode] = []
        for i in Int(outStart[Int(id.index)])..<Int(outStart[Int(id.index) + 1]) where edges[i].kind == kind {
            let node = nodes[Int(edges[i].to.index)]
            if nodeKind == nil || node.kind == nodeKind { out.append(node) }
        }
        return out
    }

    /// Nodes that point at `id` over edges of `kind`, optionally only those of `nodeKind`.
    public func sources(of id: NodeID, _ kind: EstateEdge.Kind, _ nodeKind: NodeKind? = nil) -> [EstateNode] {
        var out: [EstateNode] = []
        for n in Int(inStart[Int(id.index)])..<Int(inStart[Int(id.index) + 1]) {
            let e = edges[Int(inList[n])]
            guard e.kind == kind else { continue }
            let node = nodes[Int(e.from.index)]
            if nodeKind == nil || node.kind == nodeKind { out.append(node) }
        }
        return out
    }

    public func children(of id: NodeID, _ kind: NodeKind? = nil) -> [EstateNode] { targets(of: id, .contains, kind) }

    public func parent(of id: NodeID) -> EstateNode? { sources(of: id, .contains).first }

    /// The customer whose subscription holds this node (for links, that of their peering).
    public func customer(of id: NodeID) -> Customer? {
        let c = customerOfNode[Int(id.index)]
        return c < 0 ? nil : self[NodeID(Int(c))].customer
    }

    /// The id of the customer whose subscription holds this node: its customer node's name, with
    /// no copy of the customer made (rules ask this of every subject they examine).
    public func customerID(of id: NodeID) -> String? {
        let c = customerOfNode[Int(id.index)]
        return c < 0 ? nil : nodes[Int(c)].name
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
            if case .resource = n.payload, let c = customerID(of: n.id) { counts[c, default: 0] += 1 }
        }
        return counts
    }

    /// Resources of a customer, in graph order.
    public func resources(of customerID: String) -> [EstateNode] {
        guard let c = customerNode(customerID) else { return [] }
        return nodes.filter { $0.isResource && customerOfNode[Int($0.id.index)] == c.id.index }
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

/// The nodes of one kind (`EstateGraph.nodes(_:)`), a view over the graph's nodes.
public struct NodeList: RandomAccessCollection, Sendable {
    let nodes: [EstateNode]
    let ids: [NodeID]

    public var startIndex: Int { 0 }
    public var endIndex: Int { ids.count }
    public subscript(position: Int) -> EstateNode { nodes[Int(ids[position].index)] }
}
