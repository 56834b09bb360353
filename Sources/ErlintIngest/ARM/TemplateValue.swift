import ErlintModel
/// A value an ARM template expression yields: JSON's kinds, plus `unknown` for what erlint
/// cannot work out from the template alone (a required parameter with no value, a
/// `reference()`, a hash such as `uniqueString()`), carrying the expression it came from.
///
/// Unknown is a value rather than a failure so that what is known survives around it: an object
/// with one unknown member still answers for its other members, and `if()` or `and()` decide
/// without the branch they do not take.
indirect enum TemplateValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([TemplateValue])
    case object(TemplateObject)
    /// The text of the (sub)expression whose value is not known.
    case unknown(String)

    var isUnknown: Bool { if case .unknown = self { true } else { false } }

    static func == (a: TemplateValue, b: TemplateValue) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case let (.bool(x), .bool(y)): x == y
        case let (.int(x), .int(y)): x == y
        case let (.string(x), .string(y)): x == y
        case let (.array(x), .array(y)): x == y
        case let (.object(x), .object(y)): x == y
        case let (.unknown(x), .unknown(y)): x == y
        default: false
        }
    }

    var string: String? { if case .string(let s) = self { s } else { nil } }
    var int: Int? { if case .int(let n) = self { n } else { nil } }
    var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    var array: [TemplateValue]? { if case .array(let a) = self { a } else { nil } }
    var object: TemplateObject? { if case .object(let o) = self { o } else { nil } }

    /// The first unknown inside the value (itself, an item, a member), if any.
    var firstUnknown: String? {
        switch self {
        case .unknown(let text): text
        case .array(let items): items.lazy.compactMap(\.firstUnknown).first
        case .object(let o): o.members.lazy.compactMap(\.value.firstUnknown).first
        default: nil
        }
    }

    /// ARM's name for the kind, for messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a bool"
        case .int: "an int"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        case .unknown: "an unknown value"
        }
    }

    /// The value as `string()` writes it: strings as they are, everything else as compact JSON.
    var text: String {
        if case .string(let s) = self { return s }
        var out: [UInt8] = []
        writeJSON(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func writeJSON(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .string(let s): JSONStringLiteral.append(s, to: &out)
        case .unknown(let text): JSONStringLiteral.append("[\(text)]", to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.writeJSON(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, m) in o.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONStringLiteral.append(m.key, to: &out)
                out.append(UInt8(ascii: ":"))
                m.value.writeJSON(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

/// An object's members in the order written; keys compare ASCII case-insensitively, as ARM's
/// property access and `tryGet` do.
struct TemplateObject: Equatable, Sendable {
    struct Member: Sendable {
        var key: String
        var value: TemplateValue
    }
    var members: [Member] = []

    init(_ members: [(key: String, value: TemplateValue)] = []) { self.members = members.map { Member(key: $0.key, value: $0.value) } }

    subscript(key: String) -> TemplateValue? {
        let folded = key.lowercased()
        return members.first { $0.key.lowercased() == folded }?.value
    }

    /// Sets a member, replacing one of the same key (in any case) where it stands.
    mutating func set(_ key: String, _ value: TemplateValue) {
        let folded = key.lowercased()
        if let i = members.firstIndex(where: { $0.key.lowercased() == folded }) {
            members[i].value = value
        } else {
            members.append(Member(key: key, value: value))
        }
    }

    static func == (a: TemplateObject, b: TemplateObject) -> Bool {
        a.members.count == b.members.count && zip(a.members, b.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
