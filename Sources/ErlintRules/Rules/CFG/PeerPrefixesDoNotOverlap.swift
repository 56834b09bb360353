import ErlintModel

/// CFG003: a peering's /30s overlap no VNet address space and no other peering's links of the same
/// customer. An overlap with a VNet makes the gateway route the VNet's own addresses to the MSEE
/// (or the reverse); two peerings on one /30 cannot both come up on one router. Different
/// customers may reuse a /30 in their own VRFs, so overlaps across customers are not reported.
public struct PeerPrefixesDoNotOverlap: Rule {
    public static let id = "CFG003"
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for linkNode in graph.nodes(.link) {
            guard let link = linkNode.link, let peering = graph.node(for: link.peering) else { continue }
            audit.checking(peering)
            let customer = graph.customer(of: linkNode.id)?.id
            var clashes: [String] = []
            var related: [RelatedLocation] = []
            let overlapping = graph.addresses.matches(link.prefix) + graph.addresses.contained(in: link.prefix)
            var seen = Set<NodeID>()
            for (prefix, owners) in overlapping {
                for o in owners where o.node != linkNode.id && seen.insert(o.node).inserted && graph.customer(of: o.node)?.id == customer {
                    let other = graph[o.node]
                    switch o.role {
                    case .virtualNetworkSpace:
                        clashes.append("VNet \(other.name) address space \(prefix)")
                        related += other.related("VNet \(other.name)")
                    case .circuitLink:
                        guard let l = other.link, l.peering != link.peering || l.side != link.side else { continue }
                        // The other peering reports the same pair: name it once, from the lower key.
                        guard linkNode.key < other.key else { continue }
                        clashes.append("the \(l.side.rawValue) link \(prefix) of \(l.peering.lastName) on \(l.circuit.lastName)")
                        related += other.related("peering \(l.peering.lastName)")
                    default: continue
                    }
                }
            }
            if !clashes.isEmpty {
                audit.violation(peering, "\(linkNode.name) link \(link.prefix) overlaps " + clashes.joined(separator: ", "), related: related)
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("the secondary /30 inside the hub VNet", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering("172.16.0.0/30", "10.1.255.252/30")]), Fragment.vnet()]),
        ], mentions: ["secondary link 10.1.255.252/30 overlaps VNet vnet-hub address space 10.1.0.0/16"]),
        RuleExample("/30s outside every VNet", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]), Fragment.vnet()]),
        ]),
    ]
}
