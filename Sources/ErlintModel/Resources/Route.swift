/// One user-defined route.
public struct Route: Sendable, Hashable {
    public var addressPrefix: IPPrefix?
    /// A service tag (e.g. `AzureCloud`) used in place of a prefix.
    public var addressPrefixText: String?
    public var nextHopType: String?
    public var nextHopIpAddress: IPAddress?
    public init() {}
}
