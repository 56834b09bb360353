import ErlintModel

/// The text of `erlint explain`: a rule entry and its examples, as a person reads them.
public enum RuleExplanation {
    public static func text(_ e: RuleEntry, examples: [RuleExample], builtIn: Bool) -> String {
        var out = "\(e.id) \(e.name): \(e.title)\n"
        out += "family \(e.family), severity \(e.severity.rawValue)" + (e.enabled ? "" : ", disabled")
            + (e.tags.isEmpty ? "" : ", tags: \(e.tags.joined(separator: ", "))") + (builtIn ? ", built in" : ", declarative") + "\n"
        out += "entry: \(e.location.file)" + (e.overriddenBy.map { ", overridden in \($0.file)" } ?? "") + "\n"
        out += "\nWhy\n" + wrap(e.rationale) + "\n"
        if !e.parameters.isEmpty {
            out += "\nParameters\n"
            for p in e.parameters { out += "  \(p.name) (\(p.value.kind.rawValue)) = \(p.value)\n" + wrap(p.description, indent: 4) + "\n" }
        }
        if let check = e.check {
            out += "\nCheck\n  every \(check.resourceType.rawValue)"
            switch check.posture {
            case .profile(let name)?: out += " of customers with posture \(name)"
            case .fields(let f)?: out += " of customers whose posture has " + f.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            case nil: break
            }
            if let when = check.when { out += "\n  when \(when)" }
            out += "\n  must satisfy \(check.require)\n"
        }
        out += "\nFix\n" + wrap(e.remediation) + "\n"
        if !e.references.isEmpty { out += "\nReferences\n" + e.references.map { "  \($0)\n" }.joined() }
        for (n, ex) in examples.enumerated() {
            out += "\nExample \(n + 1) (\(ex.breaks ? "breaks the rule" : "passes")): \(ex.summary)\n"
            if let m = ex.manifest { out += "  manifest.yaml\n" + indent(m, 4) }
            for f in ex.files { out += "  \(f.path)\n" + indent(f.content, 4) }
        }
        return out
    }

    static func indent(_ text: String, _ n: Int) -> String {
        let pad = String(repeating: " ", count: n)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
            .joined(separator: "\n").trimmingTrailingNewlines() + "\n"
    }

    /// Words wrapped at 96 columns.
    static func wrap(_ text: String, indent: Int = 2) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if !line.isEmpty && line.count + word.count + 1 > 96 - indent { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { String(repeating: " ", count: indent) + $0 }.joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = self
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
