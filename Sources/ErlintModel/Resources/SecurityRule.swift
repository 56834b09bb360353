/// One NSG rule. Singular and plural prefix and port fields are merged into lists.
public struct SecurityRule: Sendable, Hashable {
    public var priority: Int?
    public var direction: String?
    public var access: String?
    public var `protocol`: String?
    public var sourceAddressPrefixes: [String] = []
    public var destinationAddressPrefixes: [String] = []
    public var sourcePortRanges: [String] = []
    public var destinationPortRanges: [String] = []
    /// Azure's built-in rules (`defaultSecurityRules`), present in most exports.
    public var isDefault = false
    public init() {}
}
