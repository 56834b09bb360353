/// What a customer's contract requires of its network: the rules read the posture instead of
/// hard-coding one CSP's policy. Profiles live in `rules/postures/<name>.yaml`.
public struct Posture: Sendable, Hashable, Codable {
    public enum Segregation: String, Sendable, Hashable, Codable, CaseIterable {
        case shared
        case separateCircuits = "separate-circuits"
    }
    public enum Requirement: String, Sendable, Hashable, Codable, CaseIterable {
        case none
        case required
    }
    public enum ForcedTunneling: String, Sendable, Hashable, Codable, CaseIterable {
        case allowed, required, forbidden
    }
    public enum HighAvailability: String, Sendable, Hashable, Codable, CaseIterable {
        /// Two links (primary and secondary) on distinct routers.
        case links
        /// Two circuits in two distinct peering locations for each gateway.
        case circuits
    }

    /// The profile name, or `inline` for a posture written in the manifest.
    public var name: String
    public var segregation: Segregation
    public var encryption: Requirement
    public var firewallInspection: Requirement
    public var forcedTunneling: ForcedTunneling
    public var highAvailability: HighAvailability

    public init(
        name: String, segregation: Segregation = .shared, encryption: Requirement = .none,
        firewallInspection: Requirement = .none, forcedTunneling: ForcedTunneling = .allowed,
        highAvailability: HighAvailability = .links
    ) {
        self.name = name
        self.segregation = segregation
        self.encryption = encryption
        self.firewallInspection = firewallInspection
        self.forcedTunneling = forcedTunneling
        self.highAvailability = highAvailability
    }

    /// The field names a posture mapping may use, in documentation order.
    public static let fieldNames = [
        "segregation", "encryption", "firewallInspection", "forcedTunneling", "highAvailability",
    ]

    /// The allowed values of a field, for validation and error messages.
    public static func allowedValues(of field: String) -> [String]? {
        switch field {
        case "segregation": Segregation.allCases.map(\.rawValue)
        case "encryption", "firewallInspection": Requirement.allCases.map(\.rawValue)
        case "forcedTunneling": ForcedTunneling.allCases.map(\.rawValue)
        case "highAvailability": HighAvailability.allCases.map(\.rawValue)
        default: nil
        }
    }

    /// One field's value as text (`separate-circuits`), nil for an unknown field name.
    public func value(of field: String) -> String? {
        switch field {
        case "segregation": segregation.rawValue
        case "encryption": encryption.rawValue
        case "firewallInspection": firewallInspection.rawValue
        case "forcedTunneling": forcedTunneling.rawValue
        case "highAvailability": highAvailability.rawValue
        default: nil
        }
    }

    /// Sets one field from its text; the caller has checked `allowedValues(of:)`.
    public mutating func set(_ field: String, to value: String) -> Bool {
        switch field {
        case "segregation": if let v = Segregation(rawValue: value) { segregation = v; return true }
        case "encryption": if let v = Requirement(rawValue: value) { encryption = v; return true }
        case "firewallInspection": if let v = Requirement(rawValue: value) { firewallInspection = v; return true }
        case "forcedTunneling": if let v = ForcedTunneling(rawValue: value) { forcedTunneling = v; return true }
        case "highAvailability": if let v = HighAvailability(rawValue: value) { highAvailability = v; return true }
        default: break
        }
        return false
    }
}
