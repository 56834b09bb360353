/// One physical link of a Direct port, with its MACsec settings.
public struct PortLink: Sendable, Hashable {
    public var routerName: String?
    public var interfaceName: String?
    public var adminState: String?
    public var macSecCipher: String?
    public var macSecSciState: String?
    public var macSecCknSecretIdentifier: String?
    public var macSecCakSecretIdentifier: String?
    public init() {}
}
