import Foundation
import ErlintModel
import Yams

/// Reads rule packs: the built-in `rules/` folder first, then each `--rules DIR` on top of it.
///
/// An entry in a later folder whose id is already known overrides only the keys it sets
/// (severity, parameter values, `enabled`, texts); an entry with a new id adds a rule and must be
/// complete. Mistakes are errors naming file, line and what was expected; a broken entry is left
/// out and the rest of the pack is still used.
public enum RulePackReader {
    static let entryKeys = ["id", "name", "title", "family", "severity", "rationale", "remediation",
                            "references", "parameters", "enabled", "tags", "check", "examples"]
    static let requiredKeys = ["id", "name", "title", "severity", "rationale", "remediation"]

    /// Reads pack folders, the first being the built-in pack.
    public static func read(directories: [String]) -> (pack: RulePackContents, diagnostics: [Diagnostic]) {
        var sources: [RulePackSource] = []
        var diagnostics: [Diagnostic] = []
        for dir in directories {
            if let s = RulePackSource.folder(dir, &diagnostics) { sources.append(s) }
        }
        let r = read(sources)
        return (r.pack, diagnostics + r.diagnostics)
    }

    /// Reads packs given as files in memory (e.g. the one compiled into the binary), in order.
    public static func read(_ sources: [RulePackSource]) -> (pack: RulePackContents, diagnostics: [Diagnostic]) {
        var entries: [String: RuleEntry] = [:]
        var postures: [String: Posture] = [:]
        var diagnostics: [Diagnostic] = []
        for (n, source) in sources.enumerated() {
            let profiles = source.files.filter { $0.path.hasPrefix(source.root + "/postures/") }
            if !profiles.isEmpty || n == 0 {
                let r = PostureReader.readProfiles(files: profiles, folder: source.root + "/postures")
                postures.merge(r.profiles) { _, new in new }
                diagnostics += r.diagnostics
            }
            for (file, text) in source.files where !file.hasPrefix(source.root + "/postures/") {
                var f = YAMLFields(file: file)
                guard let root = f.compose(text) else {
                    diagnostics += f.diagnostics
                    continue
                }
                readEntry(root, into: &entries, overriding: n > 0, postures: postures, &f)
                diagnostics += f.diagnostics
            }
        }
        let sorted = entries.values.sorted { $0.id < $1.id }
        return (RulePackContents(entries: sorted, postures: postures), diagnostics)
    }

    // MARK: Entries

    static func readEntry(_ root: Node, into entries: inout [String: RuleEntry], overriding: Bool,
                          postures: [String: Posture], _ f: inout YAMLFields) {
        guard let map = f.mapping(root, "a rule entry", allowed: entryKeys, required: ["id"]),
              let id = f.string(map["id"], "id") else { return }
        guard id.range(of: "^[A-Za-z][A-Za-z0-9_-]*$", options: .regularExpression) != nil else {
            f.error(map["id"] ?? root, "invalid rule id '\(id)': expected letters and digits such as HA001")
            return
        }
        let location = f.location(root)
        let known = entries.first { $0.key.lowercased() == id.lowercased() }?.value
        if let known, !overriding {
            f.error(map["id"] ?? root, "duplicate rule id '\(id)' (first in \(known.location)): expected unique ids")
            return
        }
        var entry: RuleEntry
        if let known {
            entry = known
            entry.overriddenBy = location
        } else {
            for key in requiredKeys where map[key] == nil {
                f.error(root, "missing key '\(key)' in rule \(id): a new rule needs \(requiredKeys.joined(separator: ", "))")
            }
            guard requiredKeys.allSatisfy({ map[$0] != nil }) else { return }
            entry = RuleEntry(id: id, name: "", title: "", family: familyOf(id), severity: .error,
                              rationale: "", remediation: "", location: location)
        }
        let before = f.diagnostics.count
        if let v = f.string(map["name"], "name") { entry.name = v }
        if let v = f.string(map["title"], "title") { entry.title = v }
        if let v = f.string(map["family"], "family") { entry.family = v }
        if let v = f.choice(map["severity"], "severity", Severity.allCases.map(\.rawValue)), let severity = Severity(rawValue: v) {
            entry.severity = severity
        }
        if let v = f.string(map["rationale"], "rationale") { entry.rationale = v.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let v = f.string(map["remediation"], "remediation") { entry.remediation = v.trimmingCharacters(in: .whitespacesAndNewlines) }
        if map["references"] != nil { entry.references = f.strings(map["references"], "references") }
        if map["tags"] != nil { entry.tags = f.strings(map["tags"], "tags") }
        if let n = map["enabled"] {
            if let b = n.bool { entry.enabled = b } else { f.error(n, "expected true or false for enabled, found \(f.describe(n))") }
        }
        if let n = map["parameters"] { readParameters(n, into: &entry, known: known != nil, &f) }
        if let n = map["check"] {
            if known != nil, known?.check == nil {
                f.error(n, "rule \(id) is built in: its check is Swift and cannot be replaced; write a new rule with its own id")
            } else {
                entry.check = readCheck(n, postures: postures, &f)
            }
        }
        if let n = map["examples"] { entry.examples = readExamples(n, &f) }
        guard f.diagnostics.count == before else { return }
        entries[known?.id ?? id] = entry
    }

    static func familyOf(_ id: String) -> String {
        String(id.prefix { $0.isLetter }).uppercased()
    }

    // MARK: Parameters

    static func readParameters(_ node: Node, into entry: inout RuleEntry, known: Bool, _ f: inout YAMLFields) {
        guard let map = f.mapping(node, "parameters", allowed: Array((node.mapping?.keys.compactMap { $0.scalar?.string }) ?? [])) else { return }
        for (name, n) in map.sorted(by: { $0.key < $1.key }) {
            let existing = entry.parameters.firstIndex { $0.name == name }
            if known, existing == nil {
                let names = entry.parameters.map(\.name).joined(separator: ", ")
                f.error(n, "unknown parameter '\(name)' of rule \(entry.id): expected one of \(names.isEmpty ? "(none)" : names)")
                continue
            }
            guard let p = f.mapping(n, "parameter '\(name)'", allowed: ["type", "value", "description"],
                                    required: existing == nil ? ["type", "value"] : ["value"]) else { continue }
            var kind = existing.map { entry.parameters[$0].value.kind }
            if let t = p["type"] {
                guard let s = f.choice(t, "parameter type", RuleParameter.Kind.allCases.map(\.rawValue)),
                      let k = RuleParameter.Kind(rawValue: s) else { continue }
                if let kind, kind != k {
                    f.error(t, "parameter '\(name)' of rule \(entry.id) is of type \(kind.rawValue), not \(k.rawValue)")
                    continue
                }
                kind = k
            }
            guard let kind, let valueNode = p["value"], let value = parameterValue(valueNode, kind, name, &f) else { continue }
            let description = f.string(p["description"], "description") ?? existing.map { entry.parameters[$0].description } ?? ""
            let parameter = RuleParameter(name: name, value: value, description: description)
            if let existing { entry.parameters[existing] = parameter } else { entry.parameters.append(parameter) }
        }
    }

    static func parameterValue(_ n: Node, _ kind: RuleParameter.Kind, _ name: String, _ f: inout YAMLFields) -> RuleParameter.Value? {
        let what = "parameter '\(name)'"
        switch kind {
        case .integer:
            guard let v = n.scalar.flatMap({ Int($0.string) }) else { f.error(n, "expected an integer for \(what), found \(f.describe(n))"); return nil }
            return .integer(v)
        case .integers:
            var out: [Int] = []
            for e in f.list(n, what) {
                guard let v = e.scalar.flatMap({ Int($0.string) }) else { f.error(e, "expected integers in \(what), found \(f.describe(e))"); return nil }
                out.append(v)
            }
            return .integers(out)
        case .string:
            return f.string(n, what).map(RuleParameter.Value.string)
        case .strings:
            return .strings(f.strings(n, what))
        case .boolean:
            guard let b = n.bool else { f.error(n, "expected true or false for \(what), found \(f.describe(n))"); return nil }
            return .boolean(b)
        case .prefixes:
            let before = f.diagnostics.count
            let v = f.prefixes(n, what)
            return f.diagnostics.count == before ? .prefixes(v) : nil
        }
    }

    // MARK: Declarative checks

    static func readCheck(_ node: Node, postures: [String: Posture], _ f: inout YAMLFields) -> DeclarativeCheck? {
        guard let map = f.mapping(node, "check", allowed: ["resourceType", "posture", "when", "require"],
                                  required: ["resourceType", "require"]),
              let typeName = f.string(map["resourceType"], "resourceType") else { return nil }
        guard let type = ResourceType(anyCase: typeName) else {
            f.error(map["resourceType"] ?? node, "unknown resourceType '\(typeName)': expected one of \(ResourceType.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        var scope: DeclarativeCheck.PostureScope?
        if let p = map["posture"] {
            if let name = p.scalar?.string {
                if postures[name] == nil {
                    f.error(p, "unknown posture profile '\(name)': expected one of \(postures.keys.sorted().joined(separator: ", "))")
                }
                scope = .profile(name)
            } else if let m = f.mapping(p, "posture", allowed: Posture.fieldNames) {
                var fields: [String: String] = [:]
                for (k, v) in m {
                    if let s = f.choice(v, "posture field '\(k)'", Posture.allowedValues(of: k) ?? []) { fields[k] = s }
                }
                scope = .fields(fields)
            }
        }
        let when = map["when"].flatMap { condition($0, type, &f) }
        guard let require = map["require"].flatMap({ condition($0, type, &f) }) else { return nil }
        return DeclarativeCheck(resourceType: type, posture: scope, when: when, require: require)
    }

    static let operations = ["equals", "notEquals", "in", "notIn", "exists", "matches", "less", "greater"]

    static func condition(_ node: Node, _ type: ResourceType, _ f: inout YAMLFields) -> ResourceCondition? {
        guard let map = f.mapping(node, "a condition", allowed: ["allOf", "anyOf", "not", "field"] + operations) else { return nil }
        let combinators = ["allOf", "anyOf", "not"].filter { map[$0] != nil }
        if let c = combinators.first {
            guard combinators.count == 1, map.count == 1 else {
                f.error(node, "a condition with '\(c)' takes no other key: expected exactly one of allOf, anyOf, not, or field with one operation")
                return nil
            }
            if c == "not" { return map["not"].flatMap { condition($0, type, &f) }.map(ResourceCondition.not) }
            let items = f.list(map[c], c)
            if items.isEmpty { f.error(map[c] ?? node, "expected at least one condition in \(c)"); return nil }
            let parts = items.compactMap { condition($0, type, &f) }
            guard parts.count == items.count else { return nil }
            return c == "allOf" ? .allOf(parts) : .anyOf(parts)
        }
        guard let fieldNode = map["field"], let field = f.string(fieldNode, "field") else {
            f.error(node, "expected 'field' with one operation (\(operations.joined(separator: ", "))), or allOf, anyOf or not")
            return nil
        }
        guard let canonical = ResourceFields.canonical(field, for: type) else {
            f.error(fieldNode, "unknown field '\(field)' of \(type.rawValue): expected one of \(ResourceFields.names(for: type).joined(separator: ", "))")
            return nil
        }
        let ops = operations.filter { map[$0] != nil }
        guard ops.count == 1, let opName = ops.first, let arg = map[opName] else {
            f.error(node, "expected exactly one operation for field '\(field)': one of \(operations.joined(separator: ", "))")
            return nil
        }
        let op: FieldTest.Operation
        switch opName {
        case "equals": op = .equals(literal(arg))
        case "notEquals": op = .notEquals(literal(arg))
        case "in", "notIn":
            let values = f.list(arg, opName).map(literal)
            op = opName == "in" ? .in(values) : .notIn(values)
        case "exists":
            guard let b = arg.bool else { f.error(arg, "expected true or false for exists, found \(f.describe(arg))"); return nil }
            op = .exists(b)
        case "matches":
            guard let pattern = f.string(arg, "matches") else { return nil }
            if (try? NSRegularExpression(pattern: pattern)) == nil {
                f.error(arg, "invalid regular expression '\(pattern)' for matches")
                return nil
            }
            op = .matches(pattern)
        default:
            guard let v = arg.scalar.flatMap({ Double($0.string) }) else {
                f.error(arg, "expected a number for \(opName), found \(f.describe(arg))")
                return nil
            }
            op = opName == "less" ? .less(v) : .greater(v)
        }
        return .test(FieldTest(field: canonical, operation: op, location: f.location(fieldNode)))
    }

    /// A YAML scalar as a field value: numbers and booleans by their plain spelling, else text.
    static func literal(_ node: Node) -> FieldValue {
        if let seq = node.sequence { return .list(seq.map(literal)) }
        guard let s = node.scalar else { return .string("") }
        if s.style == .plain {
            if let b = node.bool { return .bool(b) }
            if let d = Double(s.string) { return .number(d) }
        }
        return .string(s.string)
    }

    // MARK: Examples

    static func readExamples(_ node: Node, _ f: inout YAMLFields) -> [RuleExample] {
        f.list(node, "examples").compactMap { n in
            guard let m = f.mapping(n, "an example", allowed: ["summary", "breaks", "manifest", "files", "mentions"],
                                    required: ["summary", "breaks", "files"]),
                  let summary = f.string(m["summary"], "summary") else { return nil }
            guard let breaksNode = m["breaks"] else { return nil }
            guard let breaks = breaksNode.bool else { f.error(breaksNode, "expected true or false for breaks, found \(f.describe(breaksNode))"); return nil }
            guard let files = m["files"].flatMap({ f.mapping($0, "files", allowed: Array(($0.mapping?.keys.compactMap { $0.scalar?.string }) ?? [])) }) else { return nil }
            let list = files.sorted { $0.key < $1.key }.compactMap { path, content in
                f.string(content, "file \(path)").map { RuleExample.File(path, $0) }
            }
            return RuleExample(summary, breaks: breaks, files: list, manifest: m["manifest"].flatMap { f.string($0, "manifest") },
                               mentions: f.strings(m["mentions"], "mentions"))
        }
    }
}
