/// A NIC. With IP forwarding on, it belongs to a network virtual appliance (a firewall or
/// router VM) and is a legitimate VirtualAppliance next hop.
public struct NetworkInterface: Sendable, Hashable {
    public struct IPConfiguration: Sendable, Hashable {
        public var privateIPAddress: IPAddress?
        /// The length Azure writes beside an address allocated from an IP prefix (`172.20.2.16/28`).
        public var privateIPPrefixLength: Int?
        public var subnet: ResourceID?
        public init() {}
    }
    public var enableIPForwarding: Bool?
    public var ipConfigurations: [IPConfiguration] = []
    public var networkSecurityGroup: ResourceID?
    public init() {}
}
