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
            // Each key hashed once: `claim` tells whether it is taken and takes it for the next node.
            if let existing = byKey.claim(key) {
                duplicateRouters.append((router.name, nodes[Int(existing.index)].origin ?? router.location, router.location))
                continue
            }
            var owner: Int32 = -1
            if case .customer(let c)? = declared[router.name.lowercased()]?.owner { owner = customerByID[c] ?? -1 }
            let shared = SharedRouterConfig(router)
            let routerID = addClaimed(kind: .router, key: key, name: router.name, origin: router.location,
                                      payload: .router(shared), customer: owner)
            var instances: [String: NodeID] = [:]
            func addInstance(_ n: Int) -> NodeID {
                let name = router.routingInstances[n].name
                let id = add(kind: .routingInstance, key: key + "/instances/" + name, name: name,
                             origin: router.routingInstances[n].location, payload: .routingInstance(shared, n), customer: owner)
                instances[name] = id
                connect(.contains, routerID, id)
                return id
            }
            let parts = linkedPartsOnly[router.name.lowercased()]
            let whole = parts == nil
            // By index, reading the fields in place (a loop over the elements copied each
            // interface and session, retaining every string and array in it).
            if whole {
                for n in router.routingInstances.indices where instances[router.routingInstances[n].name] == nil { _ = addInstance(n) }
            }
            // A VRF's node: all of a whole router's are made above; of a router wanted on the
            // graph's links only, those its parts there are in, when first met.
            func instance(_ name: String?) -> NodeID? {
                guard let name else { return nil }
                if let known = instances[name] { return known }
                guard let n = parts?.instances[name] else { return nil }
                return addInstance(n)
            }
            // Of a router wanted only on the graph's links, the parts in those links, found by
            // link (when every link is a /30 or /126, as Azure's are; else all are tried).
            var interfaceIndices = Array(router.interfaces.indices), sessionIndices = Array(router.sessions.indices)
            if let parts, linksKeyed {
                var interfaces = Set<Int>(), sessions = Set<Int>()
                for link in linkPrefixes {
                    interfaces.formUnion(parts.interfaces[link] ?? [])
                    sessions.formUnion(parts.sessions[link] ?? [])
                }
                interfaceIndices = interfaces.sorted()
                sessionIndices = sessions.sorted()
            }
            for n in interfaceIndices {
                var terminated: [NodeID] = []
                for a in router.interfaces[n].addresses { terminated += links(holding: a.address) }
                if !whole && terminated.isEmpty { continue }
                let name = router.interfaces[n].name
                let ikey = key + "/interfaces/" + name
                guard byKey.claim(ikey) == nil else { continue }
                let id = addClaimed(kind: .routerInterface, key: ikey, name: name, origin: router.interfaces[n].location,
                                    payload: .routerInterface(shared, n), customer: owner)
                connect(.contains, routerID, id)
                if let ri = instance(router.interfaces[n].routingInstance) { connect(.references, id, ri, field: .routingInstance) }
                for link in terminated { connect(.terminates, id, link) }
            }
            for n in sessionIndices {
                let neighbor = router.sessions[n].neighbor
                let terminated = links(holding: neighbor)
                if !whole && terminated.isEmpty { continue }
                let instanceName = router.sessions[n].routingInstance
                let skey = key + "/sessions/" + (instanceName ?? "-") + "/" + neighbor.description
                guard byKey.claim(skey) == nil else { continue }
                let customer = terminated.first.map { customerOfNode[Int($0.index)] } ?? owner
                let id = addClaimed(kind: .bgpSession, key: skey, name: neighbor.description, origin: router.sessions[n].location,
                                    payload: .session(shared, n), customer: customer)
                connect(.contains, routerID, id)
                if let ri = instance(instanceName) { connect(.references, id, ri, field: .routingInstance) }
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
