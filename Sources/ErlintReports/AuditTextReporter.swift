import ErlintModel

/// The terminal summary of an audit: findings grouped by customer, then rule, with a count per
/// severity. Pure: findings and rule entries in, text out (same input, same bytes).
public enum AuditTextReporter {
    public static func text(_ input: AuditReport) -> String {
        var out = "erlint audit: \(input.files) files, \(input.resources) resources, \(input.routers) router configs, \(input.rules.count) rules\n"
        let problems = input.diagnostics.filter { $0.severity != .note }
        if !problems.isEmpty {
            out += "\nInput problems (the audit covers what could be read):\n"
            for d in problems { out += "  \(d)\n" }
        }
        let notes = input.diagnostics.count - problems.count
        if notes > 0 { out += "  (\(notes) input note\(notes == 1 ? "" : "s"): run `erlint inventory` to see them)\n" }

        let byID = Dictionary(input.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(input.customers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let groups = Dictionary(grouping: input.findings, by: { $0.customer ?? "" })
        let order = groups.keys.filter { !$0.isEmpty }.sorted() + (groups[""] != nil ? [""] : [])
        for customer in order {
            let findings = groups[customer]!
            let title = customer.isEmpty ? "The CSP's routers and resources no customer claims (baseline posture)"
                : "\(customer)" + (names[customer].map { " (\($0.name), posture \($0.resolvedPosture.name))" } ?? "")
            out += "\n\(title): \(counts(findings))\n"
            for (ruleID, ruleFindings) in Dictionary(grouping: findings, by: \.ruleID).sorted(by: { $0.key < $1.key }) {
                let entry = byID[ruleID]
                out += "  \(ruleID) \(entry?.name ?? "")\n"
                for f in ruleFindings {
                    let tag = f.status == .inconclusive ? "inconclusive" : f.severity.rawValue
                    out += "    \(tag): \(shortSubject(f.subject))" + (f.location.map { "  [\($0)]" } ?? "") + "\n"
                    out += "      \(f.message)\n"
                    for r in f.related { out += "      see \(r.message): \(r.location)\n" }
                }
                if let fix = entry?.remediation, ruleFindings.contains(where: { $0.status == .violation }) {
                    out += "    fix: \(fix)\n"
                }
            }
        }
        let affected = groups.keys.filter { !$0.isEmpty }.count
        out += "\nTotal: \(input.findings.isEmpty ? "no findings" : counts(input.findings))"
        out += "; \(affected) of \(input.customers.count) customer\(input.customers.count == 1 ? "" : "s") affected"
        out += groups[""] != nil ? ", and CSP or unclaimed resources\n" : "\n"
        return out
    }

    /// "3 errors, 1 warning, 2 notes (1 inconclusive)".
    public static func counts(_ findings: [Finding]) -> String {
        var parts: [String] = []
        for s in Severity.allCases {
            let n = findings.filter { $0.severity == s }.count
            if n > 0 { parts.append("\(n) \(s.rawValue)\(n == 1 ? "" : "s")") }
        }
        let inconclusive = findings.filter { $0.status == .inconclusive }.count
        return parts.joined(separator: ", ") + (inconclusive > 0 ? " (\(inconclusive) inconclusive)" : "")
    }

    /// `expressRouteCircuits/er-1/peerings/AzurePrivatePeering` for an Azure id; router paths as they are.
    public static func shortSubject(_ subject: String) -> String {
        guard let r = subject.range(of: "/providers/", options: .caseInsensitive) else { return subject }
        let rest = subject[r.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return String(rest) }
        return String(rest[rest.index(after: slash)...])
    }
}
