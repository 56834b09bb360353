import ErlintModel

/// SEG004: on a router that serves several customers (the CSP's, connect-through), each routing
/// instance carries one customer's sessions, and no two customers' instances exchange routes.
/// Two customers in one VRF, or two VRFs that import each other's route targets (or take each
/// other's routes through a rib group or instance-import), let customer A learn customer B's
/// prefixes and reach them. A router counts as shared when the manifest gives it to the CSP, or
/// when its sessions land on links of more than one customer, listed or not.
public struct OneCustomerPerRoutingInstance: Rule {
    public static let id = "SEG004"
    public static let reads: Set<NodeKind> = [.router, .bgpSession, .routingInstance, .link]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        let cspRouters = Set((graph.manifest?.routers ?? []).filter { $0.owner == .csp }.map { $0.name.lowercased() })
        for router in graph.nodes(.router) {
            // By name, the first of each: a CSP router has a VRF per customer, and looking each
            // one up in the list of all made the rule grow with the square of the customers.
            var instances: [String: EstateNode] = [:]
            for i in graph.children(of: router.id, .routingInstance) where instances[i.name] == nil { instances[i.name] = i }
            // A session in an instance with no forwarding table of its own (Junos forwarding,
            // no-forwarding) forwards in the global table, with every other such session.
            var byInstance: [String: [(customer: String, session: EstateNode)]] = [:]
            var sharing: [String: Set<String>] = [:]
            for s in graph.children(of: router.id, .bgpSession) {
                guard let session = s.session, !graph.terminatedLinks(of: s.id).isEmpty,
                      let customer = graph.customerID(of: s.id) else { continue }
                var table = session.routingInstance ?? ""
                if let instance = session.routingInstance, instances[instance]?.routingInstance?.hasOwnForwardingTable == false {
                    sharing["", default: []].insert(instance)
                    table = ""
                }
                byInstance[table, default: []].append((customer, s))
            }
            let customersServed = Set(byInstance.values.flatMap { $0.map(\.customer) })
            guard cspRouters.contains(router.name.lowercased()) || customersServed.count > 1 else { continue }
            let shared = cspRouters.contains(router.name.lowercased()) ? "" : " (a router the manifest does not list, whose sessions land on links of \(customersServed.count) customers)"
            var customerOf: [String: String] = [:]
            for (name, sessions) in byInstance.sorted(by: { $0.key < $1.key }) {
                let subject = instances[name] ?? router
                audit.checking(subject)
                let customers = Dictionary(grouping: sessions, by: \.customer)
                guard customers.count > 1 else {
                    customerOf[name] = customers.keys.first
                    continue
                }
                let listed = customers.sorted { $0.key < $1.key }
                    .map { "\($0.key) (\($0.value.map { $0.session.name }.sorted().joined(separator: ", ")))" }.joined(separator: ", ")
                let via = sharing[name].map { " (with instance\($0.count == 1 ? "" : "s") \($0.sorted().joined(separator: ", ")), which forward\($0.count == 1 ? "s" : "") in it: no VRF)" } ?? ""
                audit.violation(subject, "routing instance \(name.isEmpty ? "global (no VRF)" : name)\(via) on \(router.name)\(shared) holds sessions of \(customers.count) customers: \(listed)",
                                related: sessions.flatMap { $0.session.related("session of \($0.customer)") })
            }
            Self.checkLeaking(router, instances, customerOf, shared, &audit)
        }
    }

    /// Instances of different customers that take each other's routes: through a route target
    /// one exports and the other imports, or directly (rib group, instance-import). What moves
    /// routes that erlint does not evaluate (vrf-import policies…) is said once per instance.
    static func checkLeaking(_ router: EstateNode, _ instances: [String: EstateNode], _ customerOf: [String: String], _ shared: String,
                             _ audit: inout RuleAudit) {
        let served = instances.filter { customerOf[$0.key] != nil }.compactMap { (name, node) in node.routingInstance.map { (name, node, $0) } }
        guard Set(customerOf.values).count > 1 else { return }
        var exporters: [String: [String]] = [:]
        for (name, _, ri) in served { for t in Set(ri.exportTargets.map(RoutingInstance.target)) { exporters[t, default: []].append(name) } }
        let byName = Dictionary(served.map { ($0.0, $0.2) }, uniquingKeysWith: { a, _ in a })
        for (name, node, ri) in served.sorted(by: { $0.0 < $1.0 }) {
            let mine = customerOf[name]!
            var sources = Set(ri.takesRoutesFrom)
            for t in Set(ri.importTargets.map(RoutingInstance.target)) { sources.formUnion(exporters[t] ?? []) }
            var leaks: [String] = []
            for other in sources.sorted() where other != name {
                guard let theirs = customerOf[other], theirs != mine, let o = byName[other] else { continue }
                let (takes, why) = ri.takesRoutes(from: o)
                if takes == true { leaks.append("\(name) (\(mine)) takes the routes of \(other) (\(theirs)): \(why)") }
            }
            if !leaks.isEmpty {
                audit.violation(node, "routing instances of different customers on \(router.name)\(shared) exchange routes: " + leaks.joined(separator: "; "),
                                related: node.related("routing instance \(name)"))
            } else if !ri.unevaluatedLeaking.isEmpty {
                audit.inconclusive(node, "cannot tell whether \(name) (\(mine)) on \(router.name) takes other customers' routes: "
                                   + ri.unevaluatedLeaking.joined(separator: "; ") + ", which erlint does not evaluate",
                                   related: node.related("routing instance \(name)"))
            }
        }
    }

    /// A Junos config with statements added inside routing instances, by instance name.
    static func withInstanceExtras(_ file: RuleExample.File, _ extras: [String: String]) -> RuleExample.File {
        var text = file.content
        for (instance, extra) in extras {
            text = text.replacingOccurrences(of: "<name>\(instance)</name><instance-type>vrf</instance-type>", with: "<name>\(instance)</name><instance-type>vrf</instance-type>\(extra)")
        }
        return RuleExample.File(file.path, text)
    }

    public static let examples: [RuleExample] = [
        RuleExample("acme's and globex's circuits in one VRF", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription,
                                            peerings: [Fragment.privatePeering("172.16.5.0/30", "172.16.5.4/30")])]),
            Fragment.junos("csp-edge-1", [.init("172.16.0.2", instance: "SHARED"), .init("172.16.5.2", instance: "SHARED")]),
        ], manifest: Fragment.manifest(twoCustomers: true, routers: ["csp-edge-1"]), mentions: ["SHARED on csp-edge-1 holds sessions of 2 customers"]),
        RuleExample("acme's and globex's circuits in two Junos forwarding instances, which forward in the global table", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription,
                                            peerings: [Fragment.privatePeering("172.16.5.0/30", "172.16.5.4/30")])]),
            Fragment.junos("csp-edge-1", [.init("172.16.0.2", instance: "ACME"), .init("172.16.5.2", instance: "GLOBEX")],
                           instanceTypes: ["ACME": "forwarding", "GLOBEX": "no-forwarding"]),
        ], manifest: Fragment.manifest(twoCustomers: true, routers: ["csp-edge-1"]),
           mentions: ["global (no VRF) (with instances ACME, GLOBEX, which forward in it: no VRF) on csp-edge-1 holds sessions of 2 customers"]),
        RuleExample("a router the manifest does not list carries two customers in one VRF", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription,
                                            peerings: [Fragment.privatePeering("172.16.5.0/30", "172.16.5.4/30")])]),
            Fragment.junos("edge-9", [.init("172.16.0.2", instance: "SHARED"), .init("172.16.5.2", instance: "SHARED")]),
        ], manifest: Fragment.manifest(twoCustomers: true),
           mentions: ["SHARED on edge-9 (a router the manifest does not list, whose sessions land on links of 2 customers) holds sessions of 2 customers"]),
        RuleExample("two customers' VRFs share a route target", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription,
                                            peerings: [Fragment.privatePeering("172.16.5.0/30", "172.16.5.4/30")])]),
            Self.withInstanceExtras(Fragment.junos("csp-edge-1", [.init("172.16.0.2", instance: "ACME"), .init("172.16.5.2", instance: "GLOBEX")]), [
                "ACME": "<vrf-target><community>target:64500:100</community></vrf-target>",
                "GLOBEX": "<vrf-target><import>target:64500:100</import><export>target:64500:200</export></vrf-target>",
            ]),
        ], manifest: Fragment.manifest(twoCustomers: true, routers: ["csp-edge-1"]),
           mentions: ["GLOBEX (globex) takes the routes of ACME (acme): ACME exports route target 64500:100, which GLOBEX imports"]),
        RuleExample("a rib group imports into two customers' VRFs", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription,
                                            peerings: [Fragment.privatePeering("172.16.5.0/30", "172.16.5.4/30")])]),
            RuleExample.File("routers/csp-edge-1.xml", Fragment.junos("csp-edge-1", [.init("172.16.0.2", instance: "ACME"), .init("172.16.5.2", instance: "GLOBEX")]).content
                .replacingOccurrences(of: "</autonomous-system>", with: "</autonomous-system><rib-groups><name>LEAK</name><import-rib>ACME.inet.0</import-rib><import-rib>GLOBEX.inet.0</import-rib></rib-groups>")),
        ], manifest: Fragment.manifest(twoCustomers: true, routers: ["csp-edge-1"]),
           mentions: ["ACME (acme) takes the routes of GLOBEX (globex): ACME imports GLOBEX's routes directly"]),
        RuleExample("one VRF per customer", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription,
                                            peerings: [Fragment.privatePeering("172.16.5.0/30", "172.16.5.4/30")])]),
            Fragment.junos("csp-edge-1", [.init("172.16.0.2", instance: "ACME"), .init("172.16.5.2", instance: "GLOBEX")]),
        ], manifest: Fragment.manifest(twoCustomers: true, routers: ["csp-edge-1"])),
    ]
}
