/// A NIC. With IP forwarding on, it belongs to a network virtual appliance (a firewall or
/// router VM) and is a legitimate VirtualAppliance next hop.
public struct NetworkInterface: Sendable, Hashable {
    public struct IPConfiguration: Sendable, Hashable {
        public var privateIPAddress: IPAddress?
        public var subnet: ResourceID?
        public init() {}
    }
    public var enableIPForwarding: Bool?
    public var ipConfigurations: [IPConfiguration] = []
    public var networkSecurityGroup: ResourceID?
    public init() {}
}
