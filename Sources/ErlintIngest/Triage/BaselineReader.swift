import Foundation
import ErlintModel

/// Reads an earlier erlint SARIF file as a baseline: each result's fingerprint (`erlint/v1`),
/// rule, message, subject and place. A file that is not such a SARIF is an error, and the run
/// then treats every finding as new (saying so) rather than guessing.
public enum BaselineReader {
    public static func read(file: String, fingerprintKey: String) -> (entries: [BaselineEntry], diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: file) else {
            return ([], [Diagnostic(.error, .wholeFile(file), "cannot read the baseline: no such file or not readable")])
        }
        guard let sarif = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let runs = sarif["runs"] as? [[String: Any]] else {
            return ([], [Diagnostic(.error, .wholeFile(file), "the baseline is not a SARIF file: expected a JSON object with 'runs' (an earlier erlint.sarif)")])
        }
        var out: [BaselineEntry] = []
        var missing = 0
        for run in runs {
            for r in run["results"] as? [[String: Any]] ?? [] {
                guard let fp = (r["partialFingerprints"] as? [String: Any])?[fingerprintKey] as? String,
                      let rule = r["ruleId"] as? String else { missing += 1; continue }
                // Absent results from an earlier comparison are not findings of that run.
                if (r["baselineState"] as? String) == "absent" { continue }
                let location = (r["locations"] as? [[String: Any]])?.first
                let physical = location?["physicalLocation"] as? [String: Any]
                let uri = (physical?["artifactLocation"] as? [String: Any])?["uri"] as? String
                let region = physical?["region"] as? [String: Any]
                let subject = ((location?["logicalLocations"] as? [[String: Any]])?.first)?["fullyQualifiedName"] as? String
                out.append(BaselineEntry(
                    fingerprint: fp, ruleID: rule, message: ((r["message"] as? [String: Any])?["text"] as? String) ?? "",
                    subject: subject,
                    customer: ((r["properties"] as? [String: Any])?["customer"] as? String).flatMap { $0.isEmpty ? nil : $0 },
                    location: uri.map { SourceLocation(file: $0.removingPercentEncoding ?? $0, line: region?["startLine"] as? Int ?? 0,
                                                       column: region?["startColumn"] as? Int ?? 0) }))
            }
        }
        var diagnostics: [Diagnostic] = []
        if missing > 0 {
            diagnostics.append(Diagnostic(.warning, .wholeFile(file), "\(missing) baseline results have no \(fingerprintKey) fingerprint (not from erlint?) and are ignored"))
        }
        return (out, diagnostics)
    }
}
