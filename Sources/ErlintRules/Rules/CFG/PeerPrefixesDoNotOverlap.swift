import ErlintModel

/// CFG003: a peering's /30s overlap no VNet address space and no other peering's links of the same
/// customer. An overlap with a VNet makes the gateway route the VNet's own addresses to the MSEE
/// (or the reverse); two peerings on one /30 cannot both come up on one router. Different
/// customers may reuse a /30 in their own VRFs, so overlaps across customers are not reported;
/// resources no customer claims are grouped by subscription instead.
///
/// Linear in the number of links even when thousands share one /30: equal prefixes are counted
/// through a dictionary, and only distinct prefixes go into the tries.
public struct PeerPrefixesDoNotOverlap: Rule {
    public static let id = "CFG003"
    public static let reads: Set<NodeKind> = [.peering, .link, .virtualNetwork]
    public init() {}

    /// Whose address plan a node belongs to.
    func owner(_ id: NodeID, _ graph: EstateGraph) -> String {
        if let c = graph.customerID(of: id) { return "customer:" + c }
        let n = graph[id]
        let sub = n.resource?.subscription ?? n.link.flatMap { $0.peering.subscription } ?? ""
        return "subscription:" + sub
    }

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        var vnets: [String: PrefixTrie<NodeID>] = [:]
        for v in graph.nodes(.virtualNetwork) {
            let key = owner(v.id, graph)
            for p in v.virtualNetwork?.addressPrefixes ?? [] { vnets[key, default: PrefixTrie()].insert(p, v.id) }
        }
        // Per owner: the links of each distinct prefix, and a trie of the distinct prefixes.
        var linksByPrefix: [String: [IPPrefix: [NodeID]]] = [:]
        var distinct: [String: PrefixTrie<IPPrefix>] = [:]
        let links = graph.nodes(.link)
        for l in links {
            guard let link = l.link else { continue }
            let key = owner(l.id, graph)
            if linksByPrefix[key, default: [:]][link.prefix] == nil { distinct[key, default: PrefixTrie()].insert(link.prefix, link.prefix) }
            linksByPrefix[key, default: [:]][link.prefix, default: []].append(l.id)
        }
        for linkNode in links {
            guard let link = linkNode.link, let peering = graph.node(for: link.peering) else { continue }
            audit.checking(peering)
            let key = owner(linkNode.id, graph)
            var clashes: [String] = []
            var related: [RelatedLocation] = []
            let trie = vnets[key]
            var seen = Set<NodeID>()
            for (prefix, ids) in (trie?.matches(link.prefix) ?? []) + (trie?.contained(in: link.prefix) ?? []) {
                for v in ids where seen.insert(v).inserted {
                    clashes.append("VNet \(graph[v].name) address space \(prefix)")
                    related += graph[v].related("VNet \(graph[v].name)")
                }
            }
            let overlapping = ((distinct[key]?.matches(link.prefix) ?? []) + (distinct[key]?.contained(in: link.prefix) ?? [])).map(\.prefix)
            var others: [EstateNode] = []
            for p in Set(overlapping).sorted() {
                for id in linksByPrefix[key]?[p] ?? [] where id != linkNode.id {
                    let other = graph[id]
                    // The two links of one peering never clash with each other unless equal.
                    if let l = other.link, l.peering == link.peering, l.prefix != link.prefix { continue }
                    others.append(other)
                    if others.count > 3 { break }
                }
                if others.count > 3 { break }
            }
            let total = Set(overlapping).reduce(0) { $0 + (linksByPrefix[key]?[$1]?.count ?? 0) } - 1
            for other in others.prefix(3) {
                guard let l = other.link else { continue }
                clashes.append("the \(l.side.rawValue) link \(l.prefix) of \(l.peering.lastName) on \(l.circuit.lastName)")
                related += other.related("peering \(l.peering.lastName) of \(l.circuit.lastName)")
            }
            if total > 3 && !others.isEmpty { clashes.append("and \(total - 3) more links") }
            if !clashes.isEmpty {
                audit.violation(peering, "\(linkNode.name) link \(link.prefix) overlaps " + clashes.joined(separator: ", "), related: related)
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("the secondary /30 inside the hub VNet", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering("172.16.0.0/30", "10.1.255.252/30")]), Fragment.vnet()]),
        ], mentions: ["secondary link 10.1.255.252/30 overlaps VNet vnet-hub address space 10.1.0.0/16"]),
        RuleExample("two circuits of one customer on the same /30s", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-ams-2", peerings: [Fragment.privatePeering()])]),
        ], mentions: ["primary link 172.16.0.0/30 overlaps the primary link 172.16.0.0/30 of AzurePrivatePeering on er-ams"]),
        RuleExample("/30s outside every VNet; another customer reuses them in its own VRF", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]), Fragment.vnet(),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription, peerings: [Fragment.privatePeering()])]),
        ], manifest: Fragment.manifest(twoCustomers: true)),
    ]
}
