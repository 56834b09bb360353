import ErlintModel

/// UDR003: the GatewaySubnet of a VNet with an ExpressRoute gateway has no 0.0.0.0/0 UDR (Azure
/// does not support it: the gateway loses its management path), keeps BGP propagation on
/// (otherwise the gateway stops learning on-premises routes), and, where the posture requires
/// inspection, sends traffic for the inspected subnets to the firewall: UDRs on a subnet do not
/// affect traffic coming in, so the inbound direction needs its own route here.
public struct GatewaySubnetRouting: Rule {
    public static let id = "UDR003"
    public static let reads: Set<NodeKind> = [.virtualNetwork, .subnet, .virtualNetworkPeering, .routeTable, .route, .firewall, .networkInterface]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        let reach = CircuitReach(graph)
        for vnet in graph.nodes(.virtualNetwork) {
            guard let hub = reach.hubOf[vnet.key], hub.vnet.id == vnet.id,
                  let gatewaySubnet = graph.children(of: vnet.id, .subnet).first(where: { $0.name.lowercasedEquals("gatewaysubnet") }) else { continue }
            audit.checking(gatewaySubnet)
            let table = graph.routeTable(of: gatewaySubnet)
            if table == nil, audit.cannotDecide(gatewaySubnet, "how the GatewaySubnet of \(vnet.name) routes", without: ["routeTable"]) { continue }
            if let table, let unclear = FirewallInspectsEgress.unreadableRoute(in: table, audit),
               audit.cannotDecide(gatewaySubnet, "how the GatewaySubnet of \(vnet.name) routes", without: FirewallInspectsEgress.routeFields, of: unclear) {
                continue
            }
            if table == nil, let missing = gatewaySubnet.subnet?.routeTable {
                audit.inconclusive(gatewaySubnet, "route table \(missing.lastName) of the GatewaySubnet of \(vnet.name) is not in the exports; export it to check the gateway's routes")
                continue
            }
            let udrs = CircuitReach.userRoutes(table, graph)
            var problems: [String] = []
            var related: [RelatedLocation] = []
            for r in udrs where r.prefix.length == 0 {
                problems.append("\(r.origin) sends \(r.prefix) to \(r.nextHopType) (not supported on the GatewaySubnet)")
                related += r.related
            }
            if table?.routeTable?.disableBgpRoutePropagation == true {
                problems.append("route table \(table!.name) disables BGP route propagation, so the gateway stops learning on-premises routes")
            }
            if audit.posture(of: gatewaySubnet).firewallInspection == .required {
                // Subnets of the hub and of every spoke using it.
                var inspected: [EstateNode] = []
                for v in [vnet] + (reach.spokes[vnet.key] ?? []) {
                    inspected += graph.children(of: v.id, .subnet).filter { !specialSubnets.contains($0.name.caseFolded) && !graph.hostsAppliance($0) }
                }
                var uninspected: [String] = []
                for s in inspected {
                    for p in s.subnet?.addressPrefixes ?? [] {
                        let w = CircuitReach.winner(for: p, in: udrs)
                        if w?.isAppliance != true { uninspected.append("\(s.name) \(p)") }
                    }
                }
                if !uninspected.isEmpty {
                    problems.append("inbound traffic from on-premises to \(uninspected.joined(separator: ", ")) reaches the subnet without a firewall (no GatewaySubnet UDR to a VirtualAppliance)")
                }
            }
            if !problems.isEmpty {
                audit.violation(gatewaySubnet, problems.joined(separator: "; "), related: related + (table?.related("route table \(table!.name)") ?? []))
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a 0.0.0.0/0 UDR on the GatewaySubnet", breaks: true, files: [
            Fragment.json(Fragment.hubWithFirewall() + [
                Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", "rt-gw"), ("AzureFirewallSubnet", "10.1.1.0/26", nil)]),
                Fragment.routeTable("rt-gw", [("0.0.0.0/0", "VirtualAppliance", "10.1.1.4")]),
            ]),
        ], mentions: ["sends 0.0.0.0/0 to VirtualAppliance (not supported on the GatewaySubnet)"]),
        RuleExample("inspection required but inbound traffic is not sent to the firewall", breaks: true, files: [
            Fragment.json(Fragment.hubWithFirewall() + [
                Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", nil), ("AzureFirewallSubnet", "10.1.1.0/26", nil), ("snet-app", "10.1.2.0/24", nil)]),
            ]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["inbound traffic from on-premises to snet-app 10.1.2.0/24"]),
        RuleExample("inbound traffic to the workload subnet goes to the firewall", breaks: false, files: [
            Fragment.json(Fragment.hubWithFirewall() + [
                Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", "rt-gw"), ("AzureFirewallSubnet", "10.1.1.0/26", nil), ("snet-app", "10.1.2.0/24", nil)]),
                Fragment.routeTable("rt-gw", [("10.1.2.0/24", "VirtualAppliance", "10.1.1.4")]),
            ]),
        ], manifest: Fragment.manifest(posture: "strict")),
    ]
}
