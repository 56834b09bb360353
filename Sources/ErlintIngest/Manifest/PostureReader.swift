import Foundation
import ErlintModel
import Yams

/// Reads posture profiles (`rules/postures/<name>.yaml`) and inline postures in a manifest, with
/// one schema for both.
public enum PostureReader {
    /// Reads every `*.yaml` / `*.yml` profile in a folder, keyed by file name without extension.
    public static func readProfiles(in directory: String) -> (profiles: [String: Posture], diagnostics: [Diagnostic]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var files: [(path: String, text: String)] = []
        var diagnostics: [Diagnostic] = []
        for name in names {
            let path = directory + "/" + name
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                diagnostics.append(Diagnostic(.error, .wholeFile(path), "cannot read posture profile"))
                continue
            }
            files.append((path, text))
        }
        let r = readProfiles(files: files, folder: directory)
        return (r.profiles, diagnostics + r.diagnostics)
    }

    /// Reads profiles given as (path, text); the profile name is the file name without extension.
    public static func readProfiles(files: [(path: String, text: String)], folder: String) -> (profiles: [String: Posture], diagnostics: [Diagnostic]) {
        var profiles: [String: Posture] = [:]
        var diagnostics: [Diagnostic] = []
        if files.isEmpty {
            diagnostics.append(Diagnostic(.error, .wholeFile(folder), "no posture profiles found: expected <name>.yaml files"))
        }
        for (path, text) in files {
            let name = String(path.split(separator: "/").last ?? Substring(path))
            let profileName = String(name.prefix(upTo: name.lastIndex(of: ".") ?? name.endIndex))
            var fields = YAMLFields(file: path)
            if let node = fields.compose(text),
               let posture = read(node, name: profileName, base: nil, fields: &fields, inline: false) {
                profiles[profileName] = posture
            }
            diagnostics += fields.diagnostics
        }
        return (profiles, diagnostics)
    }

    /// Reads a posture mapping. A profile file must set every field; an inline posture starts from
    /// `base` (a profile, `baseline` unless the mapping names another) and overrides fields.
    static func read(_ node: Node, name: String, base: Posture?, fields: inout YAMLFields, inline: Bool) -> Posture? {
        let extra = inline ? ["base"] : ["name", "description"]
        guard let map = fields.mapping(node, inline ? "inline posture" : "posture profile",
                                       allowed: extra + Posture.fieldNames,
                                       required: inline ? [] : Posture.fieldNames) else { return nil }
        // A profile sets every field (required above); an inline posture needs its base.
        guard var posture = inline ? base : Posture(name: name) else { return nil }
        posture.name = name
        var ok = true
        for field in Posture.fieldNames {
            guard let n = map[field] else { continue }
            if let v = fields.choice(n, "posture field '\(field)'", Posture.allowedValues(of: field) ?? []) {
                _ = posture.set(field, to: v)
            } else { ok = false }
        }
        if !inline, let n = map["name"], let s = fields.string(n, "name"), s != name {
            fields.error(n, "profile name '\(s)' does not match its file name: expected '\(name)'")
        }
        return ok ? posture : nil
    }
}
