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

    static func routers(_ report: InventoryReport) -> String {
        var out = "\nRouters: \(report.routers.count)\n"
        for r in report.routers {
            let understood = r.elements == 0 ? 100 : 100 * (r.elements - r.skippedElements) / r.elements
            out += "  \(r.name) (\(r.dialect), \(r.owner ?? "not in the manifest")): \(r.interfaces) interfaces, "
                + "\(r.bgpNeighbors) BGP neighbors, \(r.routingInstances) routing instances"
                + (r.vrfs.count == r.routingInstances ? "" : " (\(r.vrfs.count) with a forwarding table of their own)") + "; "
                + "\(understood)% of \(r.elements) elements read  [\(r.file)]\n"
        }
        if !report.links.isEmpty {
            out += "\nCircuit links on routers: \(report.links.count)\n"
            for l in report.links {
                let circuit = l.circuit.split(separator: "/").last.map(String.init) ?? l.circuit
                var how = l.neighbor.map { "session to \($0)" + (l.sessionState == "active" ? "" : " (\(l.sessionState ?? "")\(l.stateReason.map { ": \($0)" } ?? ""))") } ?? "interface only"
                if let i = l.interface { how += " on \(i)" }
                out += "  \(circuit) \(l.peering) \(l.side) \(l.prefix): \(l.router)"
                    + (l.routingInstance.map { " vrf \($0)" } ?? "") + ", \(how)\n"
            }
        }
        if !report.unterminatedLinks.isEmpty {
            out += "\nLinks with no BGP session in any router config: \(report.unterminatedLinks.count)\n"
            for l in report.unterminatedLinks {
                let circuit = l.circuit.split(separator: "/").last.map(String.init) ?? l.circuit
                out += "  \(circuit) \(l.peering) \(l.side) \(l.prefix)" + (l.customer.map { " (\($0))" } ?? "") + ": \(l.reason)\n"
            }
        }
        if !report.unmatchedSessions.isEmpty {
            out += "\nBGP sessions on no circuit link: \(report.unmatchedSessions.count)\n"
            for s in report.unmatchedSessions {
                out += "  \(s.router) \(s.neighbor)" + (s.routingInstance.map { " vrf \($0)" } ?? "")
                    + (s.peerAS.map { " AS\($0)" } ?? "") + (s.state == "active" ? "" : " (\(s.state)\(s.stateReason.map { ": \($0)" } ?? ""))")
                    + "  [\(s.file):\(s.line)]\n"
            }
        }
        return out
    }

    /// A summary a person reads in a terminal.
    public static func text(_ report: InventoryReport) -> String {
        var out = ""
        let mb = Double(report.inputBytes) / 1_000_000
        out += "Read \(report.files) file\(report.files == 1 ? "" : "s") (\(String(format: "%.2f", mb)) MB).\n"
        let total = report.resourceCounts.values.reduce(0, +)
        out += "\nResources: \(total)\n"
        let width = report.resourceCounts.keys.map(\.count).max() ?? 0
        for (type, n) in report.resourceCounts.sorted(by: { $0.key < $1.key }) {
            out += "  " + type.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(n)\n"
        }
        out += "  circuit links (primary/secondary /30s and /126s): \(report.circuitLinks)\n"
        if !report.ignoredResources.isEmpty {
            let n = report.ignoredResources.values.reduce(0, +)
            out += "  outside Microsoft.Network, not audited: \(n) ("
                + report.ignoredResources.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")\n"
        }
        if !report.unauditedResources.isEmpty {
            let n = report.unauditedResources.values.reduce(0, +)
            out += "  read but not audited (no rule evaluates their type): \(n) ("
                + report.unauditedResources.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")\n"
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
        out += routers(report)
        if report.unresolvedExpressions > 0 {
            out += "\nUnresolved template expressions: \(report.unresolvedExpressions)\n"
        }
        if report.unreadableValues > 0 {
            out += "\nValues erlint cannot interpret (read as unknown, each with a warning below): \(report.unreadableValues)\n"
        }
        if !report.danglingReferences.isEmpty {
            out += "\nReferences to resources in no export: \(report.danglingReferences.count)\n"
            for d in report.danglingReferences {
                out += "  \(d.file):\(d.line):\(d.column): \(d.field) -> \(d.target)\n"
            }
        }
        if !report.skippedFiles.isEmpty {
            out += "\nNot read (neither JSON nor XML): \(report.skippedFiles.count) file\(report.skippedFiles.count == 1 ? "" : "s")\n"
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
