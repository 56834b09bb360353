import ErlintModel

/// UDR001: where the posture requires firewall inspection, every workload subnet of a VNet that
/// reaches a circuit sends 0.0.0.0/0 and every on-premises prefix to a firewall. Decided the way
/// Azure does: longest-prefix match over the subnet's effective routes (system routes, BGP routes
/// from on-premises unless the route table disables propagation, and the UDRs; a UDR wins a tie).
/// The classic miss: a UDR sends 0.0.0.0/0 to the firewall, but the more specific on-premises
/// prefixes learned over BGP win and go straight to the gateway. Subnets that host the firewall or
/// an NVA (a NIC with IP forwarding) are the inspection point and are not checked.
public struct FirewallInspectsEgress: Rule {
    public static let id = "UDR001"
    public static let reads: Set<NodeKind> = [.virtualNetwork, .subnet, .virtualNetworkPeering, .routeTable, .route, .gateway, .connection, .circuit, .firewall, .networkInterface]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        let reach = CircuitReach(graph)
        // A route table serves many subnets (a spoke's two dozen): its routes are made once. So
        // are a hub's BGP routes for each customer, which all its spokes learn.
        var tableRoutes: [NodeID: [EffectiveRoute]] = [:]
        // Per route table, the table or route whose routing fields could not be read, if any.
        var unreadableRoutes: [NodeID: EstateNode?] = [:]
        var hubRoutes: [String: OnPremisesRoutes] = [:]
        for vnet in graph.nodes(.virtualNetwork) {
            guard let hub = reach.hubOf[vnet.key] else { continue }
            let customer = graph.customer(of: vnet.id)
            let hubKey = hub.vnet.key + "|" + (customer?.id ?? "")
            let bgp = hubRoutes[hubKey] ?? CircuitReach.bgpRoutes(for: hub, customer: customer, graph)
            hubRoutes[hubKey] = bgp
            let system = CircuitReach.systemRoutes(for: vnet, graph)
            let local = system.filter { $0.nextHopType != "Internet" }.map(\.prefix)
            // The VNet's subnets that share a route table have the same effective routes (the
            // table's, the VNet's system routes, the hub's BGP routes): what bypasses the firewall
            // is found once per table, not once per subnet (a spoke has two dozen subnets).
            var byTable: [NodeID?: (bypass: [String], related: [RelatedLocation])] = [:]
            for subnet in graph.children(of: vnet.id, .subnet) where !specialSubnets.contains(subnet.name.caseFolded) {
                // The appliances' own subnet cannot route through itself.
                if graph.hostsAppliance(subnet) { continue }
                guard audit.posture(of: subnet).firewallInspection == .required else { continue }
                audit.checking(subnet)
                let table = graph.routeTable(of: subnet)
                if table == nil, audit.cannotDecide(subnet, "whether traffic from \(subnet.name) passes the firewall", without: ["routeTable"]) { continue }
                if let table {
                    let unclear: EstateNode?
                    if let known = unreadableRoutes[table.id] { unclear = known } else {
                        unclear = Self.unreadableRoute(in: table, audit)
                        unreadableRoutes[table.id] = .some(unclear)
                    }
                    if let unclear, audit.cannotDecide(subnet, "whether traffic from \(subnet.name) passes the firewall",
                                                       without: Self.routeFields, of: unclear) { continue }
                }
                if table == nil, let missing = subnet.subnet?.routeTable {
                    audit.inconclusive(subnet, "route table \(missing.lastName) of \(subnet.name) is not in the exports; export it to check the subnet's routes")
                    continue
                }
                let udrs: [EffectiveRoute]
                if let table {
                    if let made = tableRoutes[table.id] { udrs = made } else {
                        udrs = CircuitReach.userRoutes(table, graph)
                        tableRoutes[table.id] = udrs
                    }
                } else {
                    udrs = []
                }
                let propagate = table?.routeTable?.disableBgpRoutePropagation != true
                let found = byTable[table?.id] ?? {
                    // What must be inspected: the default route, on-premises prefixes, and any UDR or
                    // BGP route inside them (a more specific route is its own path).
                    let onPremises = (propagate ? bgp.routes.map(\.prefix) : []) + (customer?.onPremisesPrefixes ?? [])
                    var destinations = [IPPrefix("0.0.0.0/0")!] + onPremises
                    destinations += udrs.map(\.prefix).filter { p in onPremises.contains { $0.contains(p) } }
                    var seen = Set<IPPrefix>()
                    destinations = destinations.filter { d in seen.insert(d).inserted && !local.contains { $0.contains(d) } }
                    var bypass: [String] = []
                    var related: [RelatedLocation] = []
                    for d in destinations.sorted() {
                        // The effective routes: the UDRs, then BGP's unless the table turns it off, then the system's.
                        let fromUDRs = CircuitReach.winner(for: d, in: udrs)
                        let fromBGP = propagate ? CircuitReach.winner(for: d, in: bgp.routes, over: fromUDRs) : fromUDRs
                        guard let w = CircuitReach.winner(for: d, in: system, over: fromBGP), !w.isAppliance,
                              !w.nextHopType.lowercasedEquals("none") else { continue }
                        bypass.append("\(d) goes to \(w.describe)")
                        related += w.related
                    }
                    if propagate {
                        for (text, at) in Self.moreSpecificBypasses(bgp, udrs, local: local) {
                            bypass.append(text)
                            related += at
                        }
                    }
                    byTable[table?.id] = (bypass, related)
                    return (bypass, related)
                }()
                let bypass = found.bypass, related = found.related
                if !bypass.isEmpty {
                    let prefixes = subnet.subnet?.addressPrefixes.map(\.description).joined(separator: ", ") ?? ""
                    audit.violation(subnet, "traffic from \(subnet.name) (\(prefixes)) bypasses the firewall: " + bypass.joined(separator: "; ")
                        + (table == nil ? " (the subnet has no route table)" : ""), related: related + (table?.related("route table \(table!.name)") ?? []))
                } else if !bgp.unknown.isEmpty, propagate {
                    audit.inconclusive(subnet, "cannot tell whether on-premises routes bypass the firewall: what the export policies let through depends on what the configs do not show: \(bgp.unknown.joined(separator: "; "))")
                }
            }
        }
    }

    /// Exported ranges that let on-premises routes longer than an appliance UDR through: such a
    /// route, should on-premises have it, wins over the UDR by longest-prefix match and sends
    /// its traffic straight to the gateway. Ranges whose own prefix already beats the UDR are
    /// reported as that route.
    static func moreSpecificBypasses(_ bgp: OnPremisesRoutes, _ udrs: [EffectiveRoute], local: [IPPrefix]) -> [(String, [RelatedLocation])] {
        var found: [(String, [RelatedLocation])] = []
        for v in bgp.variable {
            for u in udrs where u.isAppliance && (u.prefix.contains(v.range.prefix) || v.range.prefix.contains(u.prefix)) {
                if bgp.routes.contains(where: { $0.prefix.contains(v.range.prefix) && $0.prefix.length > u.prefix.length }) { continue }
                // The routes whose longest UDR is this one, longer than it.
                guard var region = PrefixRange(u.prefix, from: u.prefix.length + 1, to: u.prefix.network.bitWidth).map({ PrefixRangeSet([$0]) }) else { continue }
                for other in udrs where other.prefix != u.prefix && u.prefix.contains(other.prefix) {
                    region = region.subtracting(PrefixRangeSet([PrefixRange(orLonger: other.prefix)]))
                }
                for l in local { region = region.subtracting(PrefixRangeSet([PrefixRange(orLonger: l)])) }
                let beating = PrefixRangeSet([v.range]).intersection(region)
                guard !beating.isEmpty else { continue }
                found.append(("the export policy of \(v.origin) lets \(v.range) through, so on-premises routes \(beating.summary()) would beat \(u.origin) (\(u.prefix) to \(u.nextHopType)\(u.nextHop.map { " \($0)" } ?? "")) and go to VirtualNetworkGateway",
                              v.related + u.related))
            }
        }
        return found
    }

    /// The fields of a route table and its routes that decide where traffic goes.
    static let routeFields = ["routes", "disableBgpRoutePropagation", "addressPrefix", "nextHopType", "nextHopIpAddress"]

    /// The route table, or the first of its routes, with a routing field erlint could not read.
    static func unreadableRoute(in table: EstateNode, _ audit: RuleAudit) -> EstateNode? {
        if !audit.unreadable(table, routeFields).isEmpty { return table }
        return audit.graph.children(of: table.id, .route).first { !audit.unreadable($0, routeFields).isEmpty }
    }

    public static let examples: [RuleExample] = [
        RuleExample("0.0.0.0/0 to the firewall, but on-premises routes learned over BGP win", breaks: true, files: [
            Fragment.json(Fragment.hubWithFirewall() + [
                Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", nil), ("AzureFirewallSubnet", "10.1.1.0/26", nil), ("snet-app", "10.1.2.0/24", "rt-app")]),
                Fragment.routeTable("rt-app", [("0.0.0.0/0", "VirtualAppliance", "10.1.1.4")]),
            ]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["10.20.0.0/16 goes to VirtualNetworkGateway by BGP route 10.20.0.0/16"]),
        RuleExample("the on-premises prefix routed to the firewall, but the router exports it orlonger", breaks: true, files: [
            Fragment.json(Fragment.hubWithFirewall() + [
                Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", nil), ("AzureFirewallSubnet", "10.1.1.0/26", nil), ("snet-app", "10.1.2.0/24", "rt-app")]),
                Fragment.routeTable("rt-app", [("0.0.0.0/0", "VirtualAppliance", "10.1.1.4"), ("10.20.0.0/16", "VirtualAppliance", "10.1.1.4")]),
            ]),
            Fragment.junos("edge-1", [.init("172.16.0.2", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16 orlonger"]]),
        ], manifest: Fragment.manifest(posture: "strict"),
           mentions: ["lets 10.20.0.0/16 orlonger through, so on-premises routes 10.20.0.0/16 longer would beat UDR r2 in rt-app (10.20.0.0/16 to VirtualAppliance 10.1.1.4)"]),
        RuleExample("the on-premises prefix routed to the firewall and exported exactly", breaks: false, files: [
            Fragment.json(Fragment.hubWithFirewall() + [
                Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", nil), ("AzureFirewallSubnet", "10.1.1.0/26", nil), ("snet-app", "10.1.2.0/24", "rt-app")]),
                Fragment.routeTable("rt-app", [("0.0.0.0/0", "VirtualAppliance", "10.1.1.4"), ("10.20.0.0/16", "VirtualAppliance", "10.1.1.4")]),
            ]),
            Fragment.junos("edge-1", [.init("172.16.0.2", export: "TO-AZURE")], exports: ["TO-AZURE": ["10.20.0.0/16"]]),
        ], manifest: Fragment.manifest(posture: "strict")),
        RuleExample("a spoke without a route table reaches the circuit through the hub", breaks: true, files: [
            Fragment.json(Fragment.hubWithFirewall() + [
                Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", nil), ("AzureFirewallSubnet", "10.1.1.0/26", nil)]),
                Fragment.vnet("vnet-spoke", ["10.2.0.0/16"], subnets: [("snet-web", "10.2.1.0/24", nil)], peerings: [("vnet-hub", false, true)]),
            ]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["0.0.0.0/0 goes to Internet by system default route", "no route table"]),
        RuleExample("default and on-premises routes to the firewall, BGP propagation off", breaks: false, files: [
            Fragment.json(Fragment.hubWithFirewall() + [
                Fragment.vnet(subnets: [("GatewaySubnet", "10.1.0.0/27", nil), ("AzureFirewallSubnet", "10.1.1.0/26", nil), ("snet-app", "10.1.2.0/24", "rt-app")]),
                Fragment.routeTable("rt-app", [("0.0.0.0/0", "VirtualAppliance", "10.1.1.4")], disableBgp: true),
            ]),
        ], manifest: Fragment.manifest(posture: "strict")),
    ]
}
