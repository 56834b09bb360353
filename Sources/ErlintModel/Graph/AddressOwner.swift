/// Who holds a prefix or address in the graph's address index, and in which role.
public struct AddressOwner: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, Codable {
        case virtualNetworkSpace, subnet, circuitLink, firewall, networkInterface
        case localNetwork, onPremises, customerOwned, cspOwned
    }
    public let node: NodeID
    public let role: Role
    public init(node: NodeID, role: Role) {
        self.node = node
        self.role = role
    }
}
