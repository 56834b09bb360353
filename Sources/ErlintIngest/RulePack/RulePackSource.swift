import Foundation
import ErlintModel

/// One rule pack's files: a folder on disk (`--rules DIR`, `$ERLINT_RULES`) or the pack compiled
/// into the binary. Entries are every `*.yaml`/`*.yml` except those under `postures/`.
public struct RulePackSource: Sendable {
    /// The pack's folder as its file paths start (`rules`, `/home/me/my-pack`).
    public let root: String
    /// (path, text), sorted by path.
    public let files: [(path: String, text: String)]

    public init(root: String, files: [(path: String, text: String)]) {
        self.root = root
        self.files = files.sorted { $0.path < $1.path }
    }

    /// Reads every YAML file under a folder (hidden entries skipped).
    public static func folder(_ dir: String, _ diagnostics: inout [Diagnostic]) -> RulePackSource? {
        let root = dir.hasSuffix("/") && dir.count > 1 ? String(dir.dropLast()) : dir
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue,
              let walker = FileManager.default.enumerator(atPath: root) else {
            diagnostics.append(Diagnostic(.error, .wholeFile(dir), "rule pack folder not found: expected a folder of rule entries (*.yaml)"))
            return nil
        }
        var files: [(path: String, text: String)] = []
        while let rel = walker.nextObject() as? String {
            if rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            guard rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") else { continue }
            let path = root + "/" + rel
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            // Not UTF-8: an empty text gives the "empty file" error with the path.
            files.append((path, String(data: data, encoding: .utf8) ?? ""))
        }
        return RulePackSource(root: root, files: files)
    }
}
