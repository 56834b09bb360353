import ErlintModel
import Foundation

/// An ARM template expression (`[concat(parameters('prefix'), '-er')]`), parsed once into a tree
/// and evaluated against a `TemplateContext`.
///
/// The functions are ARM's, as Microsoft documents them (template functions reference): string,
/// array, object, logical, comparison, numeric, CIDR, resource-id and scope functions. What
/// depends on the deployment itself (`reference()`, `list*()`, `uniqueString()`, `guid()`,
/// `utcNow()`, `deployment()`, lambdas) is `unknown`, never guessed. Evaluation never traps: a
/// wrong argument makes the value unknown, and a budget per file bounds the work a hostile
/// template can ask for.
indirect enum TemplateExpression {
    case string(String)
    case int(Int)
    /// A function call; `name` lowercased, `source` the call as written (for unknown values).
    case call(name: String, arguments: [TemplateExpression], source: String)
    /// `value.member`
    case member(TemplateExpression, String)
    /// `value[index]`
    case index(TemplateExpression, TemplateExpression)

    /// Whether a JSON string is an expression: `[...]` but not an escaped `[[...`.
    static func isExpression(_ s: String) -> Bool {
        s.hasPrefix("[") && s.hasSuffix("]") && !s.hasPrefix("[[")
    }

    /// A literal string as ARM reads it: a leading `[[` stands for `[`.
    static func literal(_ s: String) -> String {
        s.hasPrefix("[[") ? String(s.dropFirst()) : s
    }

    /// The expression inside `[...]`, or nil when it does not parse.
    static func parse(_ text: String) -> TemplateExpression? {
        guard isExpression(text) else { return nil }
        var parser = Parser(bytes: Array(text.utf8.dropFirst().dropLast()))
        guard let e = parser.expression(depth: 0) else { return nil }
        parser.skipSpace()
        return parser.at == parser.bytes.count ? e : nil
    }

    /// Evaluates a `[...]` string; an expression that does not parse is unknown.
    static func evaluate(_ text: String, in context: TemplateContext) -> TemplateValue {
        guard let e = parse(text) else { return .unknown(String(text.dropFirst().dropLast())) }
        return e.evaluate(in: context)
    }

    private struct Parser {
        let bytes: [UInt8]
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x09 || bytes[at] == 0x0A || bytes[at] == 0x0D { at += 1 }
        }

        func text(_ from: Int) -> String { String(decoding: bytes[from..<at], as: UTF8.self) }

        static func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F
        }

        mutating func expression(depth: Int) -> TemplateExpression? {
            guard depth < 64 else { return nil }
            skipSpace()
            guard at < bytes.count else { return nil }
            let start = at
            var value: TemplateExpression
            if bytes[at] == UInt8(ascii: "'") {
                at += 1
                var s: [UInt8] = []
                while true {
                    guard at < bytes.count else { return nil }
                    if bytes[at] == UInt8(ascii: "'") {
                        if at + 1 < bytes.count, bytes[at + 1] == UInt8(ascii: "'") { s.append(bytes[at]); at += 2; continue }
                        at += 1
                        break
                    }
                    s.append(bytes[at])
                    at += 1
                }
                value = .string(String(decoding: s, as: UTF8.self))
            } else if bytes[at] == UInt8(ascii: "-") || (bytes[at] >= 0x30 && bytes[at] <= 0x39) {
                at += 1
                while at < bytes.count, bytes[at] >= 0x30 && bytes[at] <= 0x39 { at += 1 }
                guard let n = Int(text(start)) else { return nil }
                value = .int(n)
            } else {
                while at < bytes.count, Self.isNameByte(bytes[at]) { at += 1 }
                let name = text(start).lowercased()
                guard !name.isEmpty else { return nil }
                skipSpace()
                if at >= bytes.count || bytes[at] != UInt8(ascii: "(") {
                    // Bare literals, as some tools write them.
                    switch name {
                    case "true": value = .call(name: "true", arguments: [], source: "true")
                    case "false": value = .call(name: "false", arguments: [], source: "false")
                    case "null": value = .call(name: "null", arguments: [], source: "null")
                    default: return nil
                    }
                    return postfix(value, start: start, depth: depth)
                }
                at += 1
                var arguments: [TemplateExpression] = []
                skipSpace()
                if at < bytes.count, bytes[at] == UInt8(ascii: ")") {
                    at += 1
                } else {
                    while true {
                        guard let a = expression(depth: depth + 1) else { return nil }
                        arguments.append(a)
                        skipSpace()
                        guard at < bytes.count else { return nil }
                        if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                        if bytes[at] == UInt8(ascii: ")") { at += 1; break }
                        return nil
                    }
                }
                value = .call(name: name, arguments: arguments, source: text(start))
            }
            return postfix(value, start: start, depth: depth)
        }

        /// `.member` and `[index]` after a value.
        mutating func postfix(_ base: TemplateExpression, start: Int, depth: Int) -> TemplateExpression? {
            var value = base
            while true {
                skipSpace()
                guard at < bytes.count else { return value }
                if bytes[at] == UInt8(ascii: ".") {
                    at += 1
                    skipSpace()
                    // Bicep's safe dereference (`.?`) is compiled to tryGet, but read it if met.
                    if at < bytes.count, bytes[at] == UInt8(ascii: "?") { at += 1 }
                    let from = at
                    while at < bytes.count, Self.isNameByte(bytes[at]) || bytes[at] == UInt8(ascii: "-") { at += 1 }
                    guard at > from else { return nil }
                    value = .member(value, text(from))
                } else if bytes[at] == UInt8(ascii: "[") {
                    at += 1
                    guard let i = expression(depth: depth + 1) else { return nil }
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: "]") else { return nil }
                    at += 1
                    value = .index(value, i)
                } else {
                    return value
                }
            }
        }
    }
}

// MARK: Evaluation

extension TemplateExpression {
    /// The source text of this expression, for an unknown value made from it.
    var source: String {
        switch self {
        case .string(let s): "'\(s.replacingOccurrences(of: "'", with: "''"))'"
        case .int(let n): String(n)
        case .call(_, _, let source): source
        case .member(let base, let name): base.source + "." + name
        case .index(let base, let i): base.source + "[" + i.source + "]"
        }
    }

    func evaluate(in context: TemplateContext) -> TemplateValue {
        guard context.budget.spend() else { return .unknown(source + " (not evaluated: the template's expressions exceed erlint's evaluation budget)") }
        switch self {
        case .string(let s): return .string(s)
        case .int(let n): return .int(n)
        case .member(let base, let name):
            switch base.evaluate(in: context) {
            case .object(let o): return o[name] ?? .unknown(source)
            case .unknown(let text): return .unknown(text)
            default: return .unknown(source)
            }
        case .index(let base, let index):
            let b = base.evaluate(in: context), i = index.evaluate(in: context)
            if case .unknown(let text) = b { return .unknown(text) }
            if case .unknown(let text) = i { return .unknown(text) }
            switch (b, i) {
            case (.array(let items), .int(let n)) where n >= 0 && n < items.count: return items[n]
            case (.object(let o), .string(let key)): return o[key] ?? .unknown(source)
            default: return .unknown(source)
            }
        case .call(let name, let arguments, let source):
            return TemplateFunctions.call(name, arguments, source: source, context: context)
        }
    }
}

/// The per-file limit on evaluation steps: a template of a few hundred bytes can otherwise ask
/// for exponential work (a `format()` that repeats its argument, variables that concatenate
/// the next one several times).
final class EvaluationBudget {
    private(set) var remaining: Int
    /// The longest string or array an expression may build.
    static let maxLength = 1 << 20

    init(steps: Int = 2_000_000) { remaining = steps }

    func spend() -> Bool {
        guard remaining > 0 else { return false }
        remaining -= 1
        return true
    }

    var exhausted: Bool { remaining <= 0 }
}
