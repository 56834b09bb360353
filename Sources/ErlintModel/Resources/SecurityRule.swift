/// One NSG rule. Singular and plural prefix and port fields are merged into lists.
public struct SecurityRule: Sendable, Hashable {
    public var priority: Int?
    public var direction: String?
    public var access: String?
    public var `protocol`: String?
    /// Each of these is nearly always one value: held as `FewStrings`, not arrays.
    public var sources = FewStrings()
    public var destinations = FewStrings()
    public var sourcePorts = FewStrings()
    public var destinationPorts = FewStrings()
    /// Azure's built-in rules (`defaultSecurityRules`), present in most exports.
    public var isDefault = false
    public init() {}

    public var sourceAddressPrefixes: [String] { sources.values }
    public var destinationAddressPrefixes: [String] { destinations.values }
    public var sourcePortRanges: [String] { sourcePorts.values }
    public var destinationPortRanges: [String] { destinationPorts.values }
}
