extension EstateGraph {
    /// Turns resources and the manifest into nodes, edges and indexes. Order is the input order
    /// (files sorted by path, then position), so the same estate always gives the same graph.
    struct Builder {
        let manifest: EstateManifest?
        var nodes: [EstateNode] = []
        var edges: [EstateEdge] = []
        var byKey = NodeKeyTable()
        var dangling: [DanglingReference] = []
        var duplicates: [(id: ResourceID, kept: SourceLocation, ignored: SourceLocation)] = []
        var duplicateRouters: [(name: String, kept: SourceLocation, ignored: SourceLocation)] = []
        /// Sessions and interfaces whose address lies in links of several customers and that
        /// nothing ties to one of them.
        var ambiguousJoins: [AmbiguousJoin] = []
        /// The peering VLAN of each link node (by node index), which tells apart two customers'
        /// links that reuse one /30.
        var linkVLAN: [Int32: Int] = [:]
        /// The peering's `peerASN` of each link node: the AS the router's side must have.
        var linkPeerASN: [Int32: Int] = [:]
        var trie = PrefixTrie<AddressOwner>()
        var customerOfNode: [Int32] = []
        var customerBySubscription: [String: Int32] = [:]
        /// Customer nodes by customer id, as `addCustomers` made them.
        var customerByID: [String: Int32] = [:]
        /// Routers (lowercased names) added only where they lie on the graph's links.
        var linkedPartsOnly: [String: RouterLinkParts] = [:]
        /// The circuit links added, and whether all are of the lengths `RouterLinkParts` is keyed by.
        var linkPrefixes: [IPPrefix] = []
        var linksKeyed = true
        private var lastLookup: (key: String, id: NodeID?)?

        init(manifest: EstateManifest?) { self.manifest = manifest }

        mutating func build(_ runs: [[Resource]], routers: [RouterConfig]) {
            // Sized up front: growing these tables by doubling was a fifth of the build for a
            // large estate (about two edges and one key per resource, plus links and routers).
            let resourceCount = runs.reduce(0) { $0 + $1.count }
            let expected = resourceCount + routers.reduce(0) { $0 + $1.sessions.count + $1.interfaces.count } + 1024
            nodes.reserveCapacity(expected)
            customerOfNode.reserveCapacity(expected)
            byKey = NodeKeyTable(capacity: expected)
            edges.reserveCapacity(expected * 3)
            addCustomers()
            // The resources made nodes, by their place in `resources`: numbers, not references
            // retained into a second array and again when it was walked.
            var kept: [(node: NodeID, run: Int32, resource: Int32)] = []
            kept.reserveCapacity(resourceCount)
            // Resources come in runs of one subscription (an export is one subscription's), so
            // its node and customer are looked up once a run.
            var runSubscription = "", runNode = NodeID(0), runCustomer: Int32 = -1, inRun = false
            for (n, resources) in runs.enumerated() {
            for (i, r) in resources.enumerated() {
                var customer: Int32 = -1
                var holder: NodeID?
                if inRun, r.id.hasSubscription(runSubscription) {
                    customer = runCustomer
                    holder = runNode
                } else if let sub = r.subscription {
                    runNode = subscriptionNode(sub)
                    runCustomer = customerBySubscription[sub] ?? -1
                    runSubscription = sub
                    inRun = true
                    customer = runCustomer
                    holder = runNode
                }
                let id = NodeID(nodes.count)
                // One hash for the id, as written (the table folds it in place): found, or taken
                // for the node made next.
                if let existing = byKey.claim(r.id.text) {
                    duplicates.append((r.id, self.nodes[Int(existing.index)].origin ?? r.origin, r.origin))
                    continue
                }
                lastLookup = nil
                nodes.append(EstateNode(id: id, resource: r))
                customerOfNode.append(customer)
                kept.append((id, Int32(n), Int32(i)))
                if let holder { connect(.holds, holder, id) }
                if case .circuitPeering(let p) = r.detail { addLinks(peering: id, r, p) }
            }
            }
            for k in kept { wire(k.node, runs[Int(k.run)][Int(k.resource)]) }
            addRouters(routers)
            // Sorted, then duplicates (the same reference read twice, e.g. a route table's back
            // reference and the subnet's own field) dropped: cheaper than a hash set of edges.
            edges.sort()
            var unique: [EstateEdge] = []
            unique.reserveCapacity(edges.count)
            for e in edges where unique.last != e { unique.append(e) }
            edges = unique
        }

        // MARK: Nodes

        /// A node that is not a resource's, its key indexed (replacing the node an equal key had).
        @discardableResult
        mutating func add(kind: NodeKind, key: String, name: String, origin: SourceLocation?,
                          payload: EstateNode.Payload, customer: Int32) -> NodeID {
            byKey.append(key)
            return addClaimed(kind: kind, key: key, name: name, origin: origin, payload: payload, customer: customer)
        }

        /// A node that is not a resource's, whose key `byKey.claim` has just taken for it (one
        /// hash of the key to learn it is new and to index it).
        @discardableResult
        mutating func addClaimed(kind: NodeKind, key: String, name: String, origin: SourceLocation?,
                                 payload: EstateNode.Payload, customer: Int32) -> NodeID {
            let id = NodeID(nodes.count)
            lastLookup = nil
            nodes.append(EstateNode(id: id, kind: kind, key: key, name: name, origin: origin, payload: payload))
            customerOfNode.append(customer)
            return id
        }

        /// The node of a key, remembering the last one asked for: children follow their parent,
        /// and a VNet's subnets share route tables, so most lookups repeat the one before.
        mutating func node(forKey key: String) -> NodeID? {
            if let last = lastLookup, last.key == key { return last.id }
            let id = byKey.node(key)
            lastLookup = (key, id)
            return id
        }

        mutating func addCustomers() {
            guard let manifest else { return }
            for c in manifest.customers {
                let id = add(kind: .customer, key: "customer:" + c.id, name: c.id, origin: c.location,
                             payload: .customer(c), customer: Int32(nodes.count))
                customerByID[c.id] = id.index
                for sub in c.subscriptions {
                    customerBySubscription[sub] = id.index
                    connect(.claims, id, subscriptionNode(sub))
                }
                for p in c.onPremisesPrefixes { trie.insert(p, AddressOwner(node: id, role: .onPremises)) }
                for p in c.ownedPrefixes { trie.insert(p, AddressOwner(node: id, role: .customerOwned)) }
            }
        }

        mutating func subscriptionNode(_ guid: String) -> NodeID {
            let key = "subscription:" + guid
            if let id = byKey.node(key) { return id }
            return add(kind: .subscription, key: key, name: guid, origin: nil, payload: .subscription(guid),
                       customer: customerBySubscription[guid] ?? -1)
        }

        mutating func addLinks(peering: NodeID, _ r: Resource, _ p: CircuitPeering) {
            let circuit = r.parent ?? r.id.parent ?? r.id
            let customer = customerOfNode[Int(peering.index)]
            var sides: [(CircuitLink.Side, IPPrefix?, String)] = [
                (.primary, p.primaryPeerAddressPrefix, ""), (.secondary, p.secondaryPeerAddressPrefix, ""),
            ]
            if let v6 = p.ipv6 {
                sides += [(.primary, v6.primaryPeerAddressPrefix, "-ipv6"), (.secondary, v6.secondaryPeerAddressPrefix, "-ipv6")]
            }
            for (side, prefix, suffix) in sides {
                guard let prefix else { continue }
                let link = CircuitLink(peering: r.id, circuit: circuit, side: side, prefix: prefix)
                let id = add(kind: .link, key: r.id.key + "/links/" + side.rawValue + suffix,
                             name: side.rawValue + suffix, origin: r.origin, payload: .link(link), customer: customer)
                connect(.contains, peering, id)
                if let vlan = p.vlanId { linkVLAN[id.index] = vlan }
                if let asn = p.peerASN { linkPeerASN[id.index] = asn }
                trie.insert(prefix, AddressOwner(node: id, role: .circuitLink))
                linkPrefixes.append(prefix)
                if !RouterLinkParts.isKeyed(prefix) { linksKeyed = false }
            }
        }

        // MARK: Edges

        mutating func connect(_ kind: EstateEdge.Kind, _ from: NodeID, _ to: NodeID, field: ReferenceField = .none) {
            let e = EstateEdge(kind: kind, from: from, to: to, field: field)
            edges.append(e)
        }

        mutating func index(_ prefixes: [IPPrefix], _ node: NodeID, _ role: AddressOwner.Role) {
            for p in prefixes { trie.insert(p, AddressOwner(node: node, role: role)) }
        }

        mutating func wire(_ id: NodeID, _ r: Resource) {
            // The parent's key alone is taken out of the resource (its whole id, two strings
            // retained and released, only for a dangling parent).
            if let parentKey = r.parent?.text {
                if let p = node(forKey: parentKey) {
                    connect(.contains, p, id)
                } else if let parent = r.parent {
                    dangling.append(DanglingReference(from: r.id, field: "parent", target: parent, location: r.origin))
                }
            }
            r.forEachReference { ref in
                if let to = node(forKey: ref.target.text) {
                    // Azure's back-references (a route table's subnets) run subnet → table, like
                    // the subnet's own field.
                    if let back = ref.backField { connect(.references, to, id, field: back) } else { connect(.references, id, to, field: ref.field) }
                } else {
                    dangling.append(DanglingReference(from: r.id, field: ref.field.name, target: ref.target, location: r.origin))
                }
            }
            switch r.detail {
            case .virtualNetwork(let v):
                index(v.addressPrefixes, id, .virtualNetworkSpace)
            case .subnet(let s):
                index(s.addressPrefixes, id, .subnet)
            case .firewall(let f):
                for a in f.privateIPAddresses {
                    trie.insert(IPPrefix(network: a, length: a.bitWidth), AddressOwner(node: id, role: .firewall))
                }
            case .networkInterface(let n):
                for c in n.ipConfigurations {
                    if let a = c.privateIPAddress {
                        trie.insert(IPPrefix(network: a, length: a.bitWidth), AddressOwner(node: id, role: .networkInterface))
                    }
                }
            case .localNetworkGateway(let l):
                index(l.addressPrefixes, id, .localNetwork)
            default:
                break
            }
        }
    }
}
