extension EstateGraph.Builder {
    /// Adds routers, their interfaces, VRFs and sessions, and joins sessions and interfaces to
    /// the circuit links whose /30 or /126 holds their addresses (DESIGN §1.2). A router the
    /// manifest gives to a customer belongs to that customer; a session belongs to the customer
    /// of the link it terminates (so one CSP router serves many customers), else to its router's.
    mutating func addRouters(_ routers: [RouterConfig]) {
        var declared: [String: RouterDeclaration] = [:]
        for d in manifest?.routers ?? [] { declared[d.name.lowercased()] = d }

        for router in routers {
            let key = "router:" + router.name.lowercased()
            if let existing = byKey.node(key) {
                duplicateRouters.append((router.name, nodes[Int(existing.index)].origin ?? router.location, router.location))
                continue
            }
            var owner: Int32 = -1
            if case .customer(let c)? = declared[router.name.lowercased()]?.owner { owner = customerByID[c] ?? -1 }
            let shared = SharedRouterConfig(router)
            let routerID = add(kind: .router, key: key, name: router.name, origin: router.location,
                               payload: .router(shared), customer: owner)
            var instances: [String: NodeID] = [:]
            for (n, ri) in router.routingInstances.enumerated() where instances[ri.name] == nil {
                let id = add(kind: .routingInstance, key: key + "/instances/" + ri.name, name: ri.name,
                             origin: ri.location, payload: .routingInstance(shared, n), customer: owner)
                instances[ri.name] = id
                connect(.contains, routerID, id)
            }
            for (n, i) in router.interfaces.enumerated() {
                let ikey = key + "/interfaces/" + i.name
                guard byKey.node(ikey) == nil else { continue }
                let id = add(kind: .routerInterface, key: ikey, name: i.name, origin: i.location,
                             payload: .routerInterface(shared, n), customer: owner)
                connect(.contains, routerID, id)
                if let vrf = i.routingInstance, let ri = instances[vrf] { connect(.references, id, ri, field: .routingInstance) }
                for a in i.addresses {
                    for link in links(holding: a.address) { connect(.terminates, id, link) }
                }
            }
            for (n, s) in router.sessions.enumerated() {
                let skey = key + "/sessions/" + (s.routingInstance ?? "-") + "/" + s.neighbor.description
                guard byKey.node(skey) == nil else { continue }
                let terminated = links(holding: s.neighbor)
                let customer = terminated.first.map { customerOfNode[Int($0.index)] } ?? owner
                let id = add(kind: .bgpSession, key: skey, name: s.neighbor.description, origin: s.location,
                             payload: .session(shared, n), customer: customer)
                connect(.contains, routerID, id)
                if let vrf = s.routingInstance, let ri = instances[vrf] { connect(.references, id, ri, field: .routingInstance) }
                for link in terminated { connect(.terminates, id, link) }
            }
        }
    }

    /// Circuit links whose prefix holds the address.
    func links(holding address: IPAddress) -> [NodeID] {
        var out: [NodeID] = []
        for (_, owners) in trie.matches(address) {
            for o in owners where o.role == .circuitLink { out.append(o.node) }
        }
        return out
    }
}
