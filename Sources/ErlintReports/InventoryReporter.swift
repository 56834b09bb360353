import Foundation
import ErlintModel

/// Renders an `InventoryReport`: pure, report in, text out.
public enum InventoryReporter {
    /// Pretty JSON with sorted keys: the same estate gives the same bytes.
    public static func json(_ report: InventoryReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A summary a person reads in a terminal.
    public static func text(_ report: InventoryReport) -> String {
        var out = ""
        let mb = Double(report.inputBytes) / 1_000_000
        out += "Read \(report.files) export file\(report.files == 1 ? "" : "s") (\(String(format: "%.2f", mb)) MB).\n"
        let total = report.resourceCounts.values.reduce(0, +)
        out += "\nResources: \(total)\n"
        let width = report.resourceCounts.keys.map(\.count).max() ?? 0
        for (type, n) in report.resourceCounts.sorted(by: { $0.key < $1.key }) {
            out += "  " + type.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(n)\n"
        }
        out += "  circuit links (primary/secondary /30s and /126s): \(report.links)\n"
        if !report.ignoredResources.isEmpty {
            let n = report.ignoredResources.values.reduce(0, +)
            out += "  outside Microsoft.Network, not audited: \(n) ("
                + report.ignoredResources.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")\n"
        }
        out += "\nCustomers: \(report.customers.count)\n"
        for c in report.customers {
            out += "  \(c.id) (\(c.name)): \(c.model), posture \(c.posture), \(c.subscriptions.count) subscription"
                + "\(c.subscriptions.count == 1 ? "" : "s"), \(c.resources) resources\n"
        }
        if report.unclaimedResources > 0 {
            out += "  unclaimed: \(report.unclaimedResources) resources in subscriptions no customer claims: "
                + report.unclaimedSubscriptions.map { "\($0.subscription) (\($0.resources))" }.joined(separator: ", ") + "\n"
        }
        if report.unresolvedExpressions > 0 {
            out += "\nUnresolved template expressions: \(report.unresolvedExpressions)\n"
        }
        if !report.danglingReferences.isEmpty {
            out += "\nReferences to resources in no export: \(report.danglingReferences.count)\n"
            for d in report.danglingReferences {
                out += "  \(d.file):\(d.line):\(d.column): \(d.field) -> \(d.target)\n"
            }
        }
        if !report.skippedFiles.isEmpty {
            out += "\nNot read (not JSON exports): \(report.skippedFiles.count) file\(report.skippedFiles.count == 1 ? "" : "s")\n"
            for f in report.skippedFiles { out += "  \(f)\n" }
        }
        let bySeverity = Dictionary(grouping: report.diagnostics, by: \.severity)
        out += "\nDiagnostics: \(bySeverity["error"]?.count ?? 0) errors, \(bySeverity["warning"]?.count ?? 0) warnings, "
            + "\(bySeverity["note"]?.count ?? 0) notes\n"
        for d in report.diagnostics {
            let at = d.line > 0 ? "\(d.file):\(d.line):\(d.column)" : d.file
            out += "  \(at): \(d.severity): \(d.message)\n"
        }
        return out
    }
}
