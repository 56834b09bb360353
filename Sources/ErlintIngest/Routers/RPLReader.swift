import ErlintModel

/// IOS-XR's Routing Policy Language, as far as a CSP edge's policies use it: prefix sets
/// (`10.0.0.0/8 le 24`, `ge`, `eq`) and route policies made of `if destination in SET then …
/// elseif … else … endif`, `pass`, `done` and `drop`. `set` statements change attributes, not
/// whether a route passes, and are skipped; anything else (`apply`, conditions on communities or
/// AS paths) is kept as unsupported with its line, so the evaluation can say what it could not read.
struct RPLReader {
    struct Token {
        var text: String
        var line: Int
    }

    private var tokens: [Token] = []
    private var at = 0
    private let file: String
    /// The line the RPL text starts on in the file.
    private let firstLine: Int

    init(text: String, file: String, firstLine: Int) {
        self.file = file
        self.firstLine = firstLine
        var line = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var word = ""
            func flush() {
                if !word.isEmpty { tokens.append(Token(text: word, line: line)) }
                word = ""
            }
            for c in content {
                if c == " " || c == "\t" || c == "\r" {
                    flush()
                } else if c == "(" || c == ")" || c == "," {
                    flush()
                    tokens.append(Token(text: String(c), line: line))
                } else {
                    word.append(c)
                }
            }
            flush()
        }
    }

    private func location(_ t: Token?) -> SourceLocation {
        SourceLocation(file: file, line: firstLine + (t?.line ?? 0), column: 1)
    }

    private var peek: String? { at < tokens.count ? tokens[at].text : nil }

    private mutating func take() -> Token? {
        guard at < tokens.count else { return nil }
        defer { at += 1 }
        return tokens[at]
    }

    /// The rest of the line a token starts, as written (for messages).
    private mutating func restOfLine(from start: Token) -> String {
        var words = [start.text]
        while at < tokens.count, tokens[at].line == start.line {
            words.append(tokens[at].text)
            at += 1
        }
        return words.joined(separator: " ")
    }

    // MARK: Prefix sets

    /// The entries of a `prefix-set NAME … end-set` text; an entry that is not a prefix with
    /// ge/le/eq lengths is warned about and kept as an unreadable match.
    mutating func prefixSet(_ warn: (String) -> Void) -> (entries: [PrefixRange], unreadable: [UnreadableMatch]) {
        if peek == "prefix-set" { _ = take(); _ = take() }
        var entries: [PrefixRange] = []
        var unreadable: [UnreadableMatch] = []
        var entry: [Token] = []
        func finish() {
            defer { entry = [] }
            guard !entry.isEmpty else { return }
            let words = entry.map(\.text)
            if let r = Self.range(words) { entries.append(r); return }
            let text = words.joined(separator: " ")
            warn("prefix-set entry '\(text)' is not a prefix with ge/le/eq lengths erlint reads; policies using the set are evaluated both with and without it")
            unreadable.append(UnreadableMatch("prefix-set entry '\(text)'", within: IPPrefix(words[0]), at: location(entry.first)))
        }
        while let t = take(), t.text != "end-set" {
            if t.text == "," { finish() } else { entry.append(t) }
        }
        finish()
        return (entries, unreadable)
    }

    /// `10.0.0.0/8`, `… le 24`, `… ge 16 le 24`, `… eq 24`.
    static func range(_ words: [String]) -> PrefixRange? {
        guard let first = words.first, let p = IPPrefix(first) else { return nil }
        var bounds: [String: Int] = [:]
        var i = 1
        while i < words.count {
            guard i + 1 < words.count, ["ge", "le", "eq"].contains(words[i]), bounds[words[i]] == nil, let n = Int(words[i + 1]) else { return nil }
            bounds[words[i]] = n
            i += 2
        }
        if let eq = bounds["eq"] { return bounds.count == 1 ? PrefixRange(p, from: eq, to: eq) : nil }
        let low = bounds["ge"] ?? p.length
        let high = bounds["le"] ?? (bounds["ge"] != nil ? p.network.bitWidth : p.length)
        return PrefixRange(p, from: low, to: high)
    }

    // MARK: Route policies

    /// The statements of a `route-policy NAME … end-policy` text.
    mutating func routePolicy() -> [RPLStatement] {
        if peek == "route-policy" {
            let start = take()!
            _ = restOfLine(from: start)
        }
        return statements(until: ["end-policy"]).body
    }

    /// Statements up to one of `ends` (which is consumed and returned).
    private mutating func statements(until ends: Set<String>) -> (body: [RPLStatement], end: String?) {
        var out: [RPLStatement] = []
        while let t = take() {
            if ends.contains(t.text) { return (out, t.text) }
            switch t.text {
            case "pass": out.append(.pass)
            case "done": out.append(.done)
            case "drop": out.append(.drop)
            case "set", "prepend", "remove", "delete", "suppress-route", "unsuppress-route":
                // Attributes of the route, not whether it passes.
                _ = restOfLine(from: t)
            case "if":
                out.append(conditional(t))
            default:
                out.append(.unsupported(restOfLine(from: t), location(t)))
            }
        }
        return (out, nil)
    }

    private mutating func conditional(_ start: Token) -> RPLStatement {
        var branches: [(condition: RPLCondition, body: [RPLStatement])] = []
        var otherwise: [RPLStatement]?
        var condition = self.condition(until: "then")
        while true {
            let (body, end) = statements(until: ["elseif", "else", "endif"])
            branches.append((condition, body))
            switch end {
            case "elseif":
                condition = self.condition(until: "then")
            case "else":
                otherwise = statements(until: ["endif"]).body
                return .conditional(branches: branches, otherwise: otherwise)
            default:
                return .conditional(branches: branches, otherwise: otherwise)
            }
        }
    }

    /// A condition up to `then`: `destination in SET`, `destination in (…)`, `not`, `and`, `or`,
    /// parentheses; anything else is unsupported as a whole.
    private mutating func condition(until stop: String) -> RPLCondition {
        var words: [Token] = []
        while let t = take(), t.text != stop { words.append(t) }
        var parser = ConditionParser(words: words, location: location(words.first))
        if let c = parser.parse(), parser.at == words.count { return c }
        return .unsupported(words.map(\.text).joined(separator: " "), location(words.first))
    }

    private struct ConditionParser {
        let words: [Token]
        let location: SourceLocation
        var at = 0

        var peek: String? { at < words.count ? words[at].text : nil }

        /// `or` of `and`s: RPL binds `and` tighter than `or`.
        mutating func parse() -> RPLCondition? {
            guard var left = conjunction() else { return nil }
            while peek == "or" {
                at += 1
                guard let right = conjunction() else { return nil }
                left = .or(left, right)
            }
            return left
        }

        mutating func conjunction() -> RPLCondition? {
            guard var left = term() else { return nil }
            while peek == "and" {
                at += 1
                guard let right = term() else { return nil }
                left = .and(left, right)
            }
            return left
        }

        mutating func term() -> RPLCondition? {
            guard let w = peek else { return nil }
            if w == "not" {
                at += 1
                return term().map(RPLCondition.not)
            }
            if w == "(" {
                at += 1
                guard let inner = parse(), peek == ")" else { return nil }
                at += 1
                return inner
            }
            if w == "destination", at + 1 < words.count, words[at + 1].text == "in" {
                at += 2
                if peek == "(" {
                    at += 1
                    var entries: [PrefixRange] = []
                    var entry: [String] = []
                    while let x = peek, x != ")" {
                        at += 1
                        if x == "," {
                            guard let r = RPLReader.range(entry) else { return nil }
                            entries.append(r)
                            entry = []
                        } else {
                            entry.append(x)
                        }
                    }
                    guard peek == ")", let r = RPLReader.range(entry) else { return nil }
                    at += 1
                    entries.append(r)
                    return .destinationInline(entries)
                }
                guard let name = peek else { return nil }
                at += 1
                return .destinationIn(name)
            }
            // A condition on something else: kept whole, up to the next and/or.
            var text: [String] = []
            while let x = peek, x != "and", x != "or", x != ")" {
                text.append(x)
                at += 1
            }
            return text.isEmpty ? nil : .unsupported(text.joined(separator: " "), location)
        }
    }
}
