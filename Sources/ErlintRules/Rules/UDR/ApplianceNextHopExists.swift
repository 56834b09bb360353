import ErlintModel

/// UDR002: a route whose next hop is a VirtualAppliance points at a known firewall or at a NIC
/// with IP forwarding on. Any other address (a typo, a deleted NVA, a NIC that does not forward)
/// silently drops the traffic: a black hole that no Azure check reports.
public struct ApplianceNextHopExists: Rule {
    public static let id = "UDR002"
    public static let reads: Set<NodeKind> = [.route, .routeTable, .firewall, .networkInterface, .subnet]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        let appliances = ApplianceIndex(graph)
        for node in graph.nodes(.route) {
            guard let route = node.route else { continue }
            if route.nextHopType == nil, !audit.unreadable(node, ["nextHopType"]).isEmpty {
                audit.checking(node)
                audit.cannotDecide(node, "where route \(node.name) sends its traffic", without: ["nextHopType"])
                continue
            }
            guard route.nextHopType?.lowercasedEquals("virtualappliance") == true else { continue }
            audit.checking(node)
            if route.nextHopIpAddress == nil, audit.cannotDecide(node, "whether route \(node.name)'s appliance exists", without: ["nextHopIpAddress"]) { continue }
            // Named only for a finding: most routes pass, and there are hundreds per customer.
            var table: String { graph.parent(of: node.id)?.name ?? "its route table" }
            var prefix: String { route.addressPrefix?.description ?? route.addressPrefixText ?? "?" }
            guard let hop = route.nextHopIpAddress else {
                audit.violation(node, "route \(node.name) in \(table) (\(prefix)) has next hop type VirtualAppliance but no nextHopIpAddress")
                continue
            }
            if appliances.appliance(hop, for: node, in: graph) != nil { continue }
            let nic = appliances.holders(hop, for: node, in: graph).first { $0.kind == .networkInterface }
            let why = nic.map { "NIC \($0.name) holds \(hop) but has IP forwarding off, so it drops forwarded packets" }
                ?? "\(hop) is no Azure Firewall and no NIC with IP forwarding in the exports"
            audit.violation(node, "route \(node.name) in \(table) sends \(prefix) to a black hole: \(why)",
                            related: nic?.related("NIC \(nic!.name)") ?? [])
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("next hop is an address nothing holds", breaks: true, files: [
            Fragment.json([Fragment.firewall(), Fragment.routeTable("rt-app", [("0.0.0.0/0", "VirtualAppliance", "10.1.1.9")])]),
        ], mentions: ["10.1.1.9 is no Azure Firewall and no NIC with IP forwarding"]),
        RuleExample("next hop is a NIC that does not forward", breaks: true, files: [
            Fragment.json([Fragment.nic("nic-nva-1", ip: "10.1.3.4", forwarding: false),
                           Fragment.routeTable("rt-app", [("10.20.0.0/16", "VirtualAppliance", "10.1.3.4")])]),
        ], mentions: ["NIC nic-nva-1 holds 10.1.3.4 but has IP forwarding off"]),
        RuleExample("the only firewall at that address is another customer's", breaks: true, files: [
            Fragment.json([Fragment.firewall(subscription: Fragment.otherSubscription),
                           Fragment.routeTable("rt-app", [("0.0.0.0/0", "VirtualAppliance", "10.1.1.4")])]),
        ], manifest: Fragment.manifest(twoCustomers: true), mentions: ["10.1.1.4 is no Azure Firewall"]),
        RuleExample("next hops are the firewall and a forwarding NVA", breaks: false, files: [
            Fragment.json([Fragment.firewall(), Fragment.nic("nic-nva-1", ip: "10.1.3.4", forwarding: true),
                           Fragment.routeTable("rt-app", [("0.0.0.0/0", "VirtualAppliance", "10.1.1.4"), ("10.20.0.0/16", "VirtualAppliance", "10.1.3.4")])]),
        ]),
    ]
}
