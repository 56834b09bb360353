import Foundation
import ErlintModel
import Yams

/// Reads the suppressions file: a YAML list of `{rule, resource, justification, expires}`.
/// `justification` is required (an unexplained suppression is how findings get lost); a bad
/// entry is an error with its line and is left out, so it silences nothing.
public enum SuppressionReader {
    public static func read(file: String) -> (suppressions: [Suppression], diagnostics: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
            return ([], [Diagnostic(.error, .wholeFile(file), "cannot read the suppressions file as UTF-8 text")])
        }
        var f = YAMLFields(file: file)
        guard let root = f.compose(text) else { return ([], f.diagnostics) }
        var out: [Suppression] = []
        let items = root.mapping != nil ? f.list(root.mapping?["suppressions"], "suppressions") : f.list(root, "suppressions")
        if root.mapping != nil { _ = f.mapping(root, "the suppressions file", allowed: ["suppressions"], required: ["suppressions"]) }
        for n in items {
            guard let m = f.mapping(n, "a suppression", allowed: ["rule", "resource", "justification", "expires"],
                                    required: ["rule", "resource", "justification"]),
                  let rule = f.string(m["rule"], "rule"), let resource = f.string(m["resource"], "resource"),
                  let justification = f.string(m["justification"], "justification") else { continue }
            var expires: String?
            if let e = m["expires"] {
                guard let s = e.scalar?.string, s.range(of: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", options: .regularExpression) != nil else {
                    f.error(e, "expected a date such as 2027-03-31 for expires, found \(f.describe(e))")
                    continue
                }
                expires = s
            }
            out.append(Suppression(ruleID: rule, resource: resource, justification: justification, expires: expires, location: f.location(n)))
        }
        return (out, f.diagnostics)
    }
}
