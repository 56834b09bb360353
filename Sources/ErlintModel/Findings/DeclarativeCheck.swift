/// The check of a declarative rule: a condition on the fields of every resource of one type,
/// optionally only for customers of some posture. A CSP writes these in YAML without Swift.
public struct DeclarativeCheck: Sendable, Hashable {
    /// Which customers the rule applies to.
    public enum PostureScope: Sendable, Hashable {
        /// A posture profile by name (`strict`).
        case profile(String)
        /// Posture fields that must all match (`{encryption: required}`).
        case fields([String: String])
    }

    public var resourceType: ResourceType
    public var posture: PostureScope?
    /// Which resources of the type are checked at all; nil for every one.
    public var when: ResourceCondition?
    /// What every checked resource must satisfy.
    public var require: ResourceCondition

    public init(resourceType: ResourceType, posture: PostureScope? = nil, when: ResourceCondition? = nil,
                require: ResourceCondition) {
        self.resourceType = resourceType
        self.posture = posture
        self.when = when
        self.require = require
    }
}

/// A condition over a resource's fields, combined with `allOf`, `anyOf` and `not`.
public indirect enum ResourceCondition: Sendable, Hashable {
    case allOf([ResourceCondition])
    case anyOf([ResourceCondition])
    case not(ResourceCondition)
    case test(FieldTest)
}

/// One comparison of one field, with where it was written (for errors and evidence).
public struct FieldTest: Sendable, Hashable {
    public enum Operation: Sendable, Hashable {
        case equals(FieldValue), notEquals(FieldValue)
        case `in`([FieldValue]), notIn([FieldValue])
        case exists(Bool)
        /// A regular expression (ICU syntax) the whole value must match.
        case matches(String)
        case less(Double), greater(Double)
    }

    public var field: String
    public var operation: Operation
    public var location: SourceLocation

    public init(field: String, operation: Operation, location: SourceLocation) {
        self.field = field
        self.operation = operation
        self.location = location
    }
}

extension ResourceCondition: CustomStringConvertible {
    /// How `erlint explain` and a finding's evidence spell the condition.
    public var description: String {
        switch self {
        case .allOf(let cs): "all of (" + cs.map(\.description).joined(separator: "; ") + ")"
        case .anyOf(let cs): "any of (" + cs.map(\.description).joined(separator: "; ") + ")"
        case .not(let c): "not (\(c))"
        case .test(let t): "\(t.field) \(t.operation)"
        }
    }
}

extension FieldTest.Operation: CustomStringConvertible {
    public var description: String {
        switch self {
        case .equals(let v): "equals \(v)"
        case .notEquals(let v): "not equal to \(v)"
        case .in(let vs): "one of \(FieldValue.list(vs))"
        case .notIn(let vs): "none of \(FieldValue.list(vs))"
        case .exists(let b): b ? "set" : "not set"
        case .matches(let p): "matching /\(p)/"
        case .less(let x): "less than \(FieldValue.number(x))"
        case .greater(let x): "greater than \(FieldValue.number(x))"
        }
    }
}
