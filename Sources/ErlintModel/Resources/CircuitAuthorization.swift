/// An authorization key on a circuit: how a circuit is shared with another subscription, and so
/// one way a circuit can end up serving two customers.
public struct CircuitAuthorization: Sendable, Hashable {
    public var authorizationUseStatus: String?
    public var hasAuthorizationKey = false
    public init() {}
}
