import Foundation
import ErlintModel

/// SARIF 2.1.0 for code-scanning dashboards (GitHub, Azure DevOps): every rule with its help,
/// each finding with a file region relative to `%SRCROOT%`, the resource id as a logical
/// location, related locations and a fingerprint that survives line moves. Input problems are
/// tool execution notifications. Pure: report in, bytes out.
public enum SARIFReporter {
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public static let fingerprintKey = "erlint/v1"

    public static func render(_ report: AuditReport) -> String {
        let ruleIndex = Dictionary(report.rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let fingerprints = report.fingerprints()
        var results: [[String: Any]] = []
        for (n, (f, fingerprint)) in zip(report.findings, fingerprints).enumerated() {
            let triage = report.triage[n]
            var result: [String: Any] = [
                "ruleId": f.ruleID,
                "message": ["text": f.message],
                "partialFingerprints": [fingerprintKey: fingerprint],
                "properties": ["customer": f.customer ?? "", "subjectKind": f.subjectKind, "fix": f.fix,
                               "severity": f.severity.rawValue, "status": f.status.rawValue],
            ]
            if let i = ruleIndex[f.ruleID] { result["ruleIndex"] = i }
            if f.status == .inconclusive {
                // The tool could not decide: SARIF's `open`, whose level must be `none`.
                result["kind"] = "open"
                result["level"] = "none"
            } else {
                result["kind"] = "fail"
                result["level"] = f.severity.rawValue
            }
            var location: [String: Any] = ["logicalLocations": [["fullyQualifiedName": f.subject, "kind": "resource"]]]
            if let l = f.location { location["physicalLocation"] = physical(l, report) }
            result["locations"] = [location]
            if !f.related.isEmpty {
                result["relatedLocations"] = f.related.enumerated().map { n, r in
                    ["id": n + 1, "message": ["text": r.message], "physicalLocation": physical(r.location, report)] as [String: Any]
                }
            }
            if let state = triage.baseline { result["baselineState"] = state.rawValue }
            if let sup = triage.suppression {
                var suppression: [String: Any] = ["kind": "external", "status": "accepted", "justification": sup.justification]
                suppression["location"] = ["physicalLocation": physical(sup.location, report)]
                if let e = sup.expires { suppression["properties"] = ["expires": e] }
                result["suppressions"] = [suppression]
            }
            results.append(result)
        }
        // Findings of the baseline that are gone: reported once, as `absent`.
        for a in report.absent {
            var result: [String: Any] = [
                "ruleId": a.ruleID, "message": ["text": a.message], "kind": "fail",
                "level": report.rule(a.ruleID)?.severity.rawValue ?? "warning",
                "baselineState": BaselineState.absent.rawValue, "partialFingerprints": [fingerprintKey: a.fingerprint],
            ]
            if let i = ruleIndex[a.ruleID] { result["ruleIndex"] = i }
            var location: [String: Any] = [:]
            if let l = a.location { location["physicalLocation"] = physical(l, report) }
            if let subject = a.subject { location["logicalLocations"] = [["fullyQualifiedName": subject, "kind": "resource"]] }
            if !location.isEmpty { result["locations"] = [location] }
            results.append(result)
        }
        var invocation: [String: Any] = [
            "executionSuccessful": report.inputComplete,
            "toolExecutionNotifications": report.diagnostics.map { d -> [String: Any] in
                var n: [String: Any] = ["level": d.severity.rawValue, "message": ["text": d.message]]
                n["locations"] = [["physicalLocation": physical(d.location, report)]]
                return n
            },
        ]
        if let t = report.timestamp { invocation["endTimeUtc"] = AuditReport.iso8601(t) }
        var run: [String: Any] = [
            "tool": ["driver": [
                "name": "erlint",
                "version": report.toolVersion,
                "semanticVersion": report.toolVersion,
                "informationUri": "https://github.com/erlint/erlint",
                "rules": report.rules.map(rule),
            ]],
            // The base is named, not located: an absolute path would tie the file to one machine
            // (and make reports differ by checkout); code scanning resolves it to the repository root.
            "originalUriBaseIds": ["%SRCROOT%": ["description": ["text": "The folder erlint was run from; relative file URIs start there."]]],
            "invocations": [invocation],
            "results": results,
            "columnKind": "unicodeCodePoints",
            // What was audited, so that `erlint merge` can total the shards (which each count
            // only their own customers' resources and routers).
            "properties": ["resources": report.resources, "routers": report.routers],
        ]
        if let shard = report.shard { run["properties"] = ["resources": report.resources, "routers": report.routers, "shard": shard.description] }
        // The files read, in URI order: a shard lists what it read, and the merged run the union.
        if !report.artifacts.isEmpty {
            var seen = Set<String>()
            let locations = report.artifacts.map { physical(SourceLocation(file: $0, line: 0, column: 0), report)["artifactLocation"] as! [String: Any] }
                .filter { seen.insert($0["uri"] as! String).inserted }
                .sorted { ($0["uri"] as! String) < ($1["uri"] as! String) }
            run["artifacts"] = locations.map { ["location": $0] as [String: Any] }
        }
        let sarif: [String: Any] = ["$schema": schema, "version": "2.1.0", "runs": [run]]
        return json(sarif).rendered() + "\n"
    }

    /// The report's values as JSON. They are built as literals for readability; only strings,
    /// integers, booleans, arrays and string-keyed dictionaries occur.
    static func json(_ value: Any) -> JSONText {
        switch value {
        case let s as String: .string(s)
        case let b as Bool: .bool(b)
        case let n as Int: .int(n)
        case let a as [Any]: .array(a.map(json))
        case let d as [String: Any]: .object(d.mapValues(json))
        default: .string(String(describing: value))
        }
    }

    static func rule(_ e: RuleEntry) -> [String: Any] {
        var markdown = "**\(e.title)**\n\n\(e.rationale)\n\n**Fix.** \(e.remediation)\n"
        if !e.parameters.isEmpty {
            markdown += "\n**Parameters.**\n\n" + e.parameters.map { "- `\($0.name)` = `\($0.value)`: \($0.description)" }.joined(separator: "\n") + "\n"
        }
        if !e.references.isEmpty { markdown += "\n**References.**\n\n" + e.references.map { "- <\($0)>" }.joined(separator: "\n") + "\n" }
        var r: [String: Any] = [
            "id": e.id,
            "name": e.name,
            "shortDescription": ["text": e.title],
            "fullDescription": ["text": e.rationale],
            "help": ["text": "\(e.rationale)\n\nFix: \(e.remediation)", "markdown": markdown],
            "defaultConfiguration": ["level": e.severity.rawValue, "enabled": e.enabled],
            "properties": ["tags": [e.family] + e.tags, "family": e.family],
        ]
        if let uri = e.references.first { r["helpUri"] = uri }
        return r
    }

    static func physical(_ l: SourceLocation, _ report: AuditReport) -> [String: Any] {
        let (path, underRoot) = report.relativePath(l.file)
        var artifact: [String: Any] = ["uri": uriPath(path, absolute: !underRoot)]
        if underRoot { artifact["uriBaseId"] = "%SRCROOT%" }
        var p: [String: Any] = ["artifactLocation": artifact]
        if l.line > 0 { p["region"] = ["startLine": l.line, "startColumn": max(l.column, 1)] }
        return p
    }

    /// A path as a URI reference: percent-encoded, `file://` when absolute. Letters, digits,
    /// `-._~`, `:` and `/` are kept; every other byte of the UTF-8 text is written `%XX`, so no
    /// reserved character of a URI (`;?#[]@!$&'()*+,=`, `%`) is taken for syntax.
    static func uriPath(_ path: String, absolute: Bool) -> String {
        var encoded: [UInt8] = absolute ? Array("file://".utf8) : []
        encoded.reserveCapacity(encoded.count + path.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in path.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"), UInt8(ascii: "/"):
                encoded.append(b)
            default:
                encoded += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }
}
