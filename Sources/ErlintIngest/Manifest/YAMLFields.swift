import ErlintModel
import Yams

/// Strict reading of a YAML mapping against a schema: unknown keys, wrong types and bad values
/// become errors naming file, line and what is allowed, and reading goes on so that one run
/// shows every mistake in a manifest, not only the first.
struct YAMLFields {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    func location(_ node: Node) -> SourceLocation {
        guard let m = node.mark else { return .wholeFile(file) }
        return SourceLocation(file: file, line: m.line, column: m.column)
    }

    mutating func error(_ node: Node, _ message: String) {
        diagnostics.append(Diagnostic(.error, location(node), message))
    }

    /// The members of a mapping, checking keys against `allowed` and `required`.
    mutating func mapping(_ node: Node, _ what: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        guard let map = node.mapping else {
            error(node, "expected a mapping for \(what), found \(describe(node))")
            return nil
        }
        var out: [String: Node] = [:]
        for (k, v) in map {
            guard let key = k.scalar?.string else { error(k, "expected a plain key in \(what)"); continue }
            guard allowed.contains(key) else {
                error(k, "unknown key '\(key)' in \(what): expected one of \(allowed.joined(separator: ", "))")
                continue
            }
            if out[key] != nil { error(k, "duplicate key '\(key)' in \(what)") }
            out[key] = v
        }
        for key in required where out[key] == nil {
            error(node, "missing key '\(key)' in \(what)")
        }
        return out
    }

    mutating func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let s = node.scalar?.string, !s.isEmpty else {
            error(node, "expected a string for \(what), found \(describe(node))")
            return nil
        }
        return s
    }

    /// A string that must be one of `allowed`.
    mutating func choice(_ node: Node?, _ what: String, _ allowed: [String]) -> String? {
        guard let node, let s = string(node, what) else { return nil }
        guard allowed.contains(s) else {
            error(node, "invalid value '\(s)' for \(what): expected one of \(allowed.joined(separator: ", "))")
            return nil
        }
        return s
    }

    mutating func list(_ node: Node?, _ what: String) -> [Node] {
        guard let node else { return [] }
        guard let seq = node.sequence else {
            error(node, "expected a list for \(what), found \(describe(node))")
            return []
        }
        return Array(seq)
    }

    mutating func strings(_ node: Node?, _ what: String) -> [String] {
        list(node, what).compactMap { string($0, what) }
    }

    mutating func asns(_ node: Node?, _ what: String) -> [Int] {
        list(node, what).compactMap { n in
            guard let s = n.scalar?.string, let v = Int(s), v > 0, v <= 4_294_967_295 else {
                error(n, "expected an AS number from 1 to 4294967295 in \(what), found \(describe(n))")
                return nil
            }
            return v
        }
    }

    mutating func prefixes(_ node: Node?, _ what: String) -> [IPPrefix] {
        list(node, what).compactMap { n in
            guard let s = n.scalar?.string, let p = IPPrefix(s) else {
                error(n, "expected an IP prefix such as 203.0.113.0/24 in \(what), found \(describe(n))")
                return nil
            }
            return p
        }
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): s.string.isEmpty ? "an empty value" : "'\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// Parses YAML (or JSON, which YAML reads too) into a node, or a diagnostic with position.
    /// `typed: false` resolves no tags (`Resolver.basic`), for readers that take every scalar as
    /// text and type it themselves (`asns`, `prefixes`…), as the manifest's does: Yams checks
    /// every mapping for duplicate keys by hashing its nodes, and with its default resolver each
    /// key was matched against the regular expressions of YAML's bool, int, float, null and
    /// timestamp forms (most of reading a manifest: two seconds for 10,000 customers). Readers
    /// asking a node's `bool` or `int` need the tags (`typed: true`).
    mutating func compose(_ text: String, typed: Bool = true) -> Node? {
        do {
            guard let node = try Yams.compose(yaml: text, typed ? .default : .basic) else {
                diagnostics.append(Diagnostic(.error, .wholeFile(file), "empty file: expected a YAML or JSON mapping"))
                return nil
            }
            return node
        } catch let e as YamlError {
            diagnostics.append(Self.diagnostic(e, file))
        } catch {
            diagnostics.append(Diagnostic(.error, .wholeFile(file), "cannot parse YAML: \(error)"))
        }
        return nil
    }

    static func diagnostic(_ e: YamlError, _ file: String) -> Diagnostic {
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let ctx = context.map { " \($0.text)" } ?? ""
            return Diagnostic(.error, SourceLocation(file: file, line: mark.line, column: mark.column),
                              "invalid YAML: \(problem)\(ctx)")
        default:
            return Diagnostic(.error, .wholeFile(file), "invalid YAML: \(e)")
        }
    }
}
