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
            // The links each part's address lies in; then, where they belong to several
            // customers, the one the part serves (`resolve`).
            let interfaceLinks = interfaceIndices.map { n in router.interfaces[n].addresses.flatMap { links(holding: $0.address) } }
            let sessionLinks = sessionIndices.map { links(holding: router.sessions[$0].neighbor) }
            var served: [String: Set<Int32>] = [:]
            for (k, n) in interfaceIndices.enumerated() {
                let c = customers(interfaceLinks[k])
                if c.count == 1, let only = c.first, only >= 0 { served[router.interfaces[n].routingInstance ?? "", default: []].insert(only) }
            }
            for (k, n) in sessionIndices.enumerated() {
                let c = customers(sessionLinks[k])
                if c.count == 1, let only = c.first, only >= 0 { served[router.sessions[n].routingInstance ?? "", default: []].insert(only) }
            }
            for (k, n) in interfaceIndices.enumerated() {
                let interface = router.interfaces[n]
                var terminated = interfaceLinks[k]
                if !whole && terminated.isEmpty { continue }
                let name = interface.name
                let ikey = key + "/interfaces/" + name
                guard byKey.claim(ikey) == nil else { continue }
                let ambiguous: [NodeID]
                (terminated, ambiguous) = resolve(terminated, owner: owner, served: served[interface.routingInstance ?? ""], vlan: interface.vlanID)
                let id = addClaimed(kind: .routerInterface, key: ikey, name: name, origin: interface.location,
                                    payload: .routerInterface(shared, n), customer: owner)
                connect(.contains, routerID, id)
                if let ri = instance(interface.routingInstance) { connect(.references, id, ri, field: .routingInstance) }
                for link in terminated { connect(.terminates, id, link) }
                if !ambiguous.isEmpty { ambiguousJoins.append(AmbiguousJoin(part: id, links: ambiguous)) }
            }
            for (k, n) in sessionIndices.enumerated() {
                let session = router.sessions[n]
                var terminated = sessionLinks[k]
                if !whole && terminated.isEmpty { continue }
                let instanceName = session.routingInstance
                let skey = key + "/sessions/" + (instanceName ?? "-") + "/" + session.neighbor.description
                guard byKey.claim(skey) == nil else { continue }
                let ambiguous: [NodeID]
                (terminated, ambiguous) = resolve(terminated, owner: owner, served: served[instanceName ?? ""],
                                                  vlan: customers(terminated).count > 1 ? router.vlan(reaching: session) : nil,
                                                  localAS: session.localAS)
                let customer = terminated.first.map { customerOfNode[Int($0.index)] } ?? owner
                let id = addClaimed(kind: .bgpSession, key: skey, name: session.neighbor.description, origin: session.location,
                                    payload: .session(shared, n), customer: customer)
                connect(.contains, routerID, id)
                if let ri = instance(instanceName) { connect(.references, id, ri, field: .routingInstance) }
                for link in terminated { connect(.terminates, id, link) }
                if !ambiguous.isEmpty { ambiguousJoins.append(AmbiguousJoin(part: id, links: ambiguous)) }
            }
        }
    }

    /// The customers of some links (-1 for a link no customer claims).
    func customers(_ links: [NodeID]) -> Set<Int32> {
        Set(links.map { customerOfNode[Int($0.index)] })
    }

    /// Of the links a session's or interface's address lies in, those it terminates: all of
    /// them when they are one customer's; else those of the customer the router belongs to, of
    /// the one its routing instance serves (as its parts with one customer's links show), or
    /// of the one whose peering has its VLAN, or of the one whose peering's `peerASN` is the
    /// session's local AS: the first of these that leaves one customer.
    /// When none does, it terminates none, and the candidates are returned as ambiguous: two
    /// customers reusing a /30 in their own VRFs are two terminations, never one customer's
    /// session standing in for the other's link.
    func resolve(_ links: [NodeID], owner: Int32, served: Set<Int32>?, vlan: Int?, localAS: Int? = nil) -> (joined: [NodeID], ambiguous: [NodeID]) {
        guard customers(links).count > 1 else { return (links, []) }
        let narrowings: [(NodeID) -> Bool] = [
            { owner >= 0 && self.customerOfNode[Int($0.index)] == owner },
            { served?.count == 1 && served!.contains(self.customerOfNode[Int($0.index)]) },
            { vlan != nil && self.linkVLAN[$0.index] == vlan },
            { localAS != nil && self.linkPeerASN[$0.index] == localAS },
        ]
        for narrow in narrowings {
            let kept = links.filter(narrow)
            if !kept.isEmpty && customers(kept).count == 1 { return (kept, []) }
        }
        return ([], links)
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
