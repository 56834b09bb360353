import ErlintModel

/// Firewalls and NICs by (customer, private address), built once per rule run. A next hop counts
/// only if its own customer holds it: customers reuse private space, so in a large estate one
/// address (10.0.1.4) can belong to a thousand firewalls, and scanning them per route would be
/// quadratic.
struct ApplianceIndex {
    /// Whose address plan an address belongs to: a customer (by node index), else a
    /// subscription. A struct, not a joined string: it is made for every route checked.
    struct Key: Hashable {
        let customer: Int32
        let subscription: String?
        let address: IPAddress
    }

    private var holders: [Key: [EstateNode]] = [:]

    init(_ graph: EstateGraph) {
        for kind in [NodeKind.firewall, .networkInterface] {
            for n in graph.nodes(kind) {
                let addresses: [IPAddress] = switch n.resource?.detail {
                case .firewall(let f)?: f.privateIPAddresses
                case .networkInterface(let nic)?: nic.ipConfigurations.compactMap(\.privateIPAddress)
                default: []
                }
                for a in addresses { holders[Self.key(graph, n, a), default: []].append(n) }
            }
        }
    }

    /// Whose address plan a node belongs to: its customer, else its subscription.
    static func key(_ graph: EstateGraph, _ node: EstateNode, _ address: IPAddress) -> Key {
        if let customer = graph.customerNode(of: node.id) { return Key(customer: customer.index, subscription: nil, address: address) }
        return Key(customer: -1, subscription: node.resource?.subscription ?? "", address: address)
    }

    /// Firewalls and NICs holding the address in the same customer (or subscription) as `node`.
    func holders(_ address: IPAddress, for node: EstateNode, in graph: EstateGraph) -> [EstateNode] {
        holders[Self.key(graph, node, address)] ?? []
    }

    /// The firewall, or NIC with IP forwarding, at the address: the only VirtualAppliance next
    /// hops that carry traffic anywhere.
    func appliance(_ address: IPAddress, for node: EstateNode, in graph: EstateGraph) -> EstateNode? {
        holders(address, for: node, in: graph).first { n in
            if n.kind == .firewall { return true }
            if case .networkInterface(let nic)? = n.resource?.detail { return nic.enableIPForwarding == true }
            return false
        }
    }
}
