/// An Azure Firewall: a next hop that counts as inspection.
public struct AzureFirewall: Sendable, Hashable {
    public var privateIPAddresses: [IPAddress] = []
    public var subnets: [ResourceID] = []
    public var skuTier: String?
    public init() {}
}
