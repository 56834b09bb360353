#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import ErlintModel

/// The terminal summary of an audit: findings grouped by customer, then rule, with a count per
/// severity. Pure: findings and rule entries in, text out (same input, same bytes).
public enum AuditTextReporter {
    public static func text(_ input: AuditReport) -> String {
        var out = "erlint audit: \(input.files) files, \(input.resources) resources, \(input.routers) router configs, \(input.rules.count) rules\n"
        if !input.unaudited.isEmpty {
            let n = input.unaudited.values.reduce(0, +)
            out += "  \(n) of the resources \(n == 1 ? "is" : "are") not audited: no rule evaluates "
                + input.unaudited.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
                + " (`erlint inventory` lists them)\n"
        }
        let problems = input.diagnostics.filter { $0.severity != .note }
        if !problems.isEmpty {
            out += "\nInput problems (the audit covers what could be read):\n"
            for d in problems { out += "  \(d)\n" }
        }
        let notes = input.diagnostics.count - problems.count
        if notes > 0 { out += "  (\(notes) input note\(notes == 1 ? "" : "s"): run `erlint inventory` to see them)\n" }

        typealias Item = (finding: Finding, triage: AuditReport.Triage)
        let items: [Item] = Array(zip(input.findings, input.triage))
        let byID = Dictionary(input.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let names = Dictionary(input.customers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let groups = Dictionary(grouping: items, by: { $0.finding.customer ?? "" })
        let order = groups.keys.filter { !$0.isEmpty }.sorted() + (groups[""] != nil ? [""] : [])
        for customer in order {
            let group = groups[customer]!
            let title = customer.isEmpty ? "The CSP's routers and resources no customer claims (baseline posture)"
                : "\(customer)" + (names[customer].map { " (\($0.name), posture \($0.resolvedPosture.name))" } ?? "")
            out += "\n\(title): \(counts(group.map(\.finding), group.map(\.triage)))\n"
            for (ruleID, ruleItems) in Dictionary(grouping: group, by: \.finding.ruleID).sorted(by: { $0.key < $1.key }) {
                let entry = byID[ruleID]
                out += "  \(ruleID) \(entry?.name ?? "")\n"
                for (f, t) in ruleItems {
                    var tag = f.status == .inconclusive ? "inconclusive" : f.severity.rawValue
                    if t.baseline == .new { tag += " [new]" }
                    if t.suppression != nil { tag = "suppressed " + tag }
                    out += "    \(tag): \(shortSubject(f.subject))" + (f.location.map { "  [\($0)]" } ?? "") + "\n"
                    out += "      \(f.message)\n"
                    if let s = t.suppression {
                        out += "      suppressed at \(s.location)" + (s.expires.map { " until \($0)" } ?? "") + ": \(s.justification)\n"
                        continue
                    }
                    for r in f.related { out += "      see \(r.message): \(r.location)\n" }
                }
                if let fix = entry?.remediation, ruleItems.contains(where: { $0.finding.status == .violation && $0.triage.suppression == nil }) {
                    out += "    fix: \(fix)\n"
                }
            }
        }
        if !input.absent.isEmpty {
            out += "\nGone since the baseline: \(input.absent.count)\n"
            for a in input.absent { out += "  \(a.ruleID) \(a.subject.map(shortSubject) ?? ""): \(a.message)\n" }
        }
        let affected = groups.keys.filter { !$0.isEmpty }.count
        out += "\nTotal: \(input.findings.isEmpty ? "no findings" : counts(input.findings, input.triage))"
        out += "; \(affected) of \(input.customers.count) customer\(input.customers.count == 1 ? "" : "s") affected"
        out += groups[""] != nil ? ", and CSP or unclaimed resources\n" : "\n"
        return out
    }

    /// "3 errors, 1 warning, 2 notes (1 inconclusive), 2 suppressed, 1 new": suppressed findings
    /// are counted apart, never in the severities.
    public static func counts(_ findings: [Finding], _ triage: [AuditReport.Triage]) -> String {
        let items = Array(zip(findings, triage))
        let active = items.filter { $0.1.suppression == nil }.map(\.0)
        var parts: [String] = []
        for s in Severity.allCases {
            let n = active.filter { $0.severity == s }.count
            if n > 0 { parts.append("\(n) \(s.rawValue)\(n == 1 ? "" : "s")") }
        }
        let inconclusive = active.filter { $0.status == .inconclusive }.count
        var text = parts.joined(separator: ", ") + (inconclusive > 0 ? " (\(inconclusive) inconclusive)" : "")
        let suppressed = items.count - active.count
        if suppressed > 0 { text += (text.isEmpty ? "" : ", ") + "\(suppressed) suppressed" }
        let new = items.filter { $0.1.baseline == .new && $0.1.suppression == nil }.count
        if items.contains(where: { $0.1.baseline != nil }) { text += ", \(new) new since the baseline" }
        return text
    }

    /// `expressRouteCircuits/er-1/peerings/AzurePrivatePeering` for an Azure id; router paths as
    /// they are. Scans bytes: reports call this once per finding and per subject examined.
    public static func shortSubject(_ subject: String) -> String {
        var copy = subject
        return copy.withUTF8 { bytes in
            let short = shortSubject(bytes)
            return short.count == bytes.count ? subject : String(decoding: UnsafeBufferPointer(rebasing: bytes[short]), as: UTF8.self)
        }
    }

    /// Where the short subject lies in an id's bytes: after the provider's namespace
    /// (`/providers/Microsoft.Network/`), or all of it when there is none. From slash to slash
    /// (memchr), checking each for the marker.
    static func shortSubject(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let marker = providersMarker
        guard let base = bytes.baseAddress, bytes.count > marker.count else { return 0..<bytes.count }
        let last = bytes.count - marker.count
        var i = 0
        while i <= last, let slash = memchr(base + i, 0x2F, last - i + 1) {
            i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(slash))
            var match = true
            for k in 1..<marker.count {
                let b = bytes[i + k]
                if (b >= 65 && b <= 90 ? b + 32 : b) != marker[k] { match = false; break }
            }
            if match {
                // Skip the namespace (`Microsoft.Network/`).
                var j = i + marker.count
                while j < bytes.count && bytes[j] != 0x2F { j += 1 }
                return j < bytes.count ? (j + 1)..<bytes.count : (i + marker.count)..<bytes.count
            }
            i += 1
        }
        return 0..<bytes.count
    }

    private static let providersMarker = Array("/providers/".utf8)
}
