import ErlintModel

/// Evaluates the small subset of ARM template expressions that exported templates use for names
/// and ids: `parameters()`, `variables()`, `concat()`, `format()`, `resourceId()`,
/// `subscription()`, `resourceGroup()`, `toLower()`/`toUpper()`. Anything else stays
/// unresolved (the caller keeps the expression text); evaluation never traps.
struct TemplateExpression {
    enum Value: Equatable {
        case string(String)
        case number(String)
        case bool(Bool)
        case object([String: Value])

        var text: String? {
            switch self {
            case .string(let s), .number(let s): s
            case .bool(let b): b ? "true" : "false"
            case .object: nil
            }
        }
    }

    /// The template's parameters (default values) and variables, and where it is deployed.
    struct Context {
        var parameters: [String: JSONElement] = [:]
        var variables: [String: JSONElement] = [:]
        var subscription: String
        var resourceGroup: String
    }

    /// Whether a JSON string is an expression: `[...]` but not an escaped `[[...`.
    static func isExpression(_ s: String) -> Bool {
        s.hasPrefix("[") && s.hasSuffix("]") && !s.hasPrefix("[[")
    }

    static func evaluate(_ text: String, _ context: Context, depth: Int = 0) -> Value? {
        guard isExpression(text), depth < 8 else { return nil }
        var parser = TemplateExpression(chars: Array(text.dropFirst().dropLast()), context: context, depth: depth)
        guard let v = parser.expression() else { return nil }
        parser.skipSpace()
        return parser.pos == parser.chars.count ? v : nil
    }

    let chars: [Character]
    let context: Context
    let depth: Int
    var pos = 0

    mutating func skipSpace() { while pos < chars.count && chars[pos] == " " { pos += 1 } }

    mutating func expression() -> Value? {
        skipSpace()
        guard pos < chars.count else { return nil }
        var value: Value
        if chars[pos] == "'" {
            pos += 1
            var s = ""
            while pos < chars.count {
                if chars[pos] == "'" {
                    if pos + 1 < chars.count && chars[pos + 1] == "'" { s.append("'"); pos += 2; continue }
                    break
                }
                s.append(chars[pos]); pos += 1
            }
            guard pos < chars.count else { return nil }
            pos += 1
            value = .string(s)
        } else if chars[pos].isNumber || chars[pos] == "-" {
            var s = ""
            while pos < chars.count && (chars[pos].isNumber || chars[pos] == "-") { s.append(chars[pos]); pos += 1 }
            value = .number(s)
        } else {
            var name = ""
            while pos < chars.count && (chars[pos].isLetter || chars[pos].isNumber || chars[pos] == "_") {
                name.append(chars[pos]); pos += 1
            }
            skipSpace()
            guard !name.isEmpty, pos < chars.count, chars[pos] == "(" else { return nil }
            pos += 1
            var args: [Value] = []
            skipSpace()
            if pos < chars.count && chars[pos] == ")" {
                pos += 1
            } else {
                while true {
                    guard let a = expression() else { return nil }
                    args.append(a)
                    skipSpace()
                    guard pos < chars.count else { return nil }
                    if chars[pos] == "," { pos += 1; continue }
                    if chars[pos] == ")" { pos += 1; break }
                    return nil
                }
            }
            guard let v = call(name.lowercased(), args) else { return nil }
            value = v
        }
        // Member access: subscription().subscriptionId
        while true {
            skipSpace()
            guard pos < chars.count, chars[pos] == "." else { break }
            pos += 1
            var member = ""
            while pos < chars.count && (chars[pos].isLetter || chars[pos].isNumber) { member.append(chars[pos]); pos += 1 }
            guard case .object(let fields) = value,
                  let v = fields.first(where: { $0.key.lowercased() == member.lowercased() })?.value else { return nil }
            value = v
        }
        return value
    }

    func literal(_ e: JSONElement) -> Value? {
        if let s = e.stringValue {
            return TemplateExpression.isExpression(s) ? TemplateExpression.evaluate(s, context, depth: depth + 1) : .string(s)
        }
        if let n = e.numberText { return .number(n) }
        if let b = e.boolValue { return .bool(b) }
        return nil
    }

    func call(_ name: String, _ args: [Value]) -> Value? {
        let texts = args.compactMap(\.text)
        switch name {
        case "parameters":
            guard let key = texts.first, args.count == 1,
                  let p = context.parameters.first(where: { $0.key.lowercased() == key.lowercased() })?.value,
                  let d = p["defaultValue"] else { return nil }
            return literal(d)
        case "variables":
            guard let key = texts.first, args.count == 1,
                  let v = context.variables.first(where: { $0.key.lowercased() == key.lowercased() })?.value else { return nil }
            return literal(v)
        case "concat":
            guard texts.count == args.count else { return nil }
            return .string(texts.joined())
        case "format":
            guard texts.count == args.count, var out = texts.first else { return nil }
            for (i, a) in texts.dropFirst().enumerated() { out = out.replacingAll("{\(i)}", with: a) }
            return .string(out)
        case "tolower": return texts.count == 1 ? .string(texts[0].lowercased()) : nil
        case "toupper": return texts.count == 1 ? .string(texts[0].uppercased()) : nil
        case "subscription":
            return .object(["subscriptionId": .string(context.subscription), "id": .string("/subscriptions/" + context.subscription)])
        case "resourcegroup":
            return .object(["name": .string(context.resourceGroup)])
        case "resourceid":
            guard texts.count == args.count,
                  let typeIndex = texts.firstIndex(where: { $0.contains("/") }) else { return nil }
            let type = texts[typeIndex]
            let scope = texts[..<typeIndex]
            let names = Array(texts[(typeIndex + 1)...])
            let sub = scope.count == 2 ? scope[scope.startIndex] : context.subscription
            let rg = scope.last ?? context.resourceGroup
            guard let id = TemplateExpression.resourceID(type: type, names: names, subscription: sub, resourceGroup: rg) else { return nil }
            return .string(id)
        default:
            return nil
        }
    }

    /// `/subscriptions/s/resourceGroups/g/providers/NS/t1/n1/t2/n2` from a type and its names.
    static func resourceID(type: String, names: [String], subscription: String, resourceGroup: String) -> String? {
        let parts = type.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts.count - 1 == names.count else { return nil }
        var id = "/subscriptions/\(subscription)/resourceGroups/\(resourceGroup)/providers/\(parts[0])"
        for (t, n) in zip(parts.dropFirst(), names) { id += "/\(t)/\(n)" }
        return id
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
