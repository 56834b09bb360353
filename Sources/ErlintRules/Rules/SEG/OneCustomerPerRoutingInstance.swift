import ErlintModel

/// SEG004: on a CSP router (connect-through), each routing instance carries one customer's
/// sessions. Two customers' circuits in one VRF exchange routes: customer A learns customer B's
/// prefixes and can reach them. Customer-owned routers are not checked (one customer by
/// definition).
public struct OneCustomerPerRoutingInstance: Rule {
    public static let id = "SEG004"
    public static let reads: Set<NodeKind> = [.router, .bgpSession, .routingInstance, .link]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        let cspRouters = Set((graph.manifest?.routers ?? []).filter { $0.owner == .csp }.map { $0.name.lowercased() })
        for router in graph.nodes(.router) where cspRouters.contains(router.name.lowercased()) {
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
            for (name, sessions) in byInstance.sorted(by: { $0.key < $1.key }) {
                let subject = instances[name] ?? router
                audit.checking(subject)
                let customers = Dictionary(grouping: sessions, by: \.customer)
                guard customers.count > 1 else { continue }
                let listed = customers.sorted { $0.key < $1.key }
                    .map { "\($0.key) (\($0.value.map { $0.session.name }.sorted().joined(separator: ", ")))" }.joined(separator: ", ")
                let shared = sharing[name].map { " (with instance\($0.count == 1 ? "" : "s") \($0.sorted().joined(separator: ", ")), which forward\($0.count == 1 ? "s" : "") in it: no VRF)" } ?? ""
                audit.violation(subject, "routing instance \(name.isEmpty ? "global (no VRF)" : name)\(shared) on \(router.name) holds sessions of \(customers.count) customers: \(listed)",
                                related: sessions.flatMap { $0.session.related("session of \($0.customer)") })
            }
        }
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
        RuleExample("one VRF per customer", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]),
                           Fragment.circuit("er-globex", subscription: Fragment.otherSubscription,
                                            peerings: [Fragment.privatePeering("172.16.5.0/30", "172.16.5.4/30")])]),
            Fragment.junos("csp-edge-1", [.init("172.16.0.2", instance: "ACME"), .init("172.16.5.2", instance: "GLOBEX")]),
        ], manifest: Fragment.manifest(twoCustomers: true, routers: ["csp-edge-1"])),
    ]
}
