/// A routing domain on a circuit (private, Microsoft, or the deprecated public peering): one BGP
/// session pair over a primary and a secondary /30 link.
public struct CircuitPeering: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case azurePrivatePeering = "AzurePrivatePeering"
        case microsoftPeering = "MicrosoftPeering"
        case azurePublicPeering = "AzurePublicPeering"

        public init?(anyCase text: String) {
            guard let k = Kind.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else {
                return nil
            }
            self = k
        }
    }

    /// Microsoft peering's public-prefix advertisement, IPv4 or IPv6.
    public struct MicrosoftPeeringConfig: Sendable, Hashable {
        public var advertisedPublicPrefixes: [IPPrefix] = []
        public var advertisedPublicPrefixesState: String?
        public var customerASN: Int?
        public var routingRegistryName: String?
        public init() {}
    }

    /// The IPv6 half of a peering, same shape with /126 links.
    public struct IPv6Config: Sendable, Hashable {
        public var primaryPeerAddressPrefix: IPPrefix?
        public var secondaryPeerAddressPrefix: IPPrefix?
        public var microsoftPeeringConfig: MicrosoftPeeringConfig?
        public var routeFilter: ResourceID?
        public var state: String?
        public init() {}
    }

    public var kind: Kind?
    /// The peering type as written, kept when it is not one of the known kinds.
    public var peeringTypeText: String?
    public var state: String?
    public var peerASN: Int?
    public var azureASN: Int?
    public var primaryPeerAddressPrefix: IPPrefix?
    public var secondaryPeerAddressPrefix: IPPrefix?
    public var vlanId: Int?
    /// Only whether a BGP MD5 key is set: the key itself is never kept.
    public var hasSharedKey = false
    public var microsoftPeeringConfig: MicrosoftPeeringConfig?
    public var routeFilter: ResourceID?
    public var ipv6: IPv6Config?
    public init() {}
}
