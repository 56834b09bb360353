import Foundation

/// Where the built-in rule pack (`rules/`: rule entries and posture profiles) is found. A
/// `--rules DIR` is read on top of it (adding or overriding entries), never instead of it.
///
/// Order: `$ERLINT_RULES`, then the first `rules/` folder holding `postures/` found walking up
/// from the executable (symlinks resolved, so `swift run`, `.build/*/erlint` and a symlink in
/// `/usr/local/bin` all work from any directory), then walking up from the working directory.
public struct RulePack: Sendable {
    public let directory: String

    public var postureDirectory: String { directory + "/postures" }

    public init(directory: String) { self.directory = directory }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: String = CommandLine.arguments.first ?? "") -> RulePack? {
        if let env = environment["ERLINT_RULES"], !env.isEmpty { return RulePack(directory: env) }
        // CommandLine.arguments[0] may be a bare name found on PATH; /proc/self/exe is exact.
        let path = FileManager.default.fileExists(atPath: executable) ? executable
            : ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? executable)
        let exe = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for start in [exe, cwd] {
            var dir = start
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("rules")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("postures").path) {
                    return RulePack(directory: candidate.path)
                }
                let up = dir.deletingLastPathComponent()
                if up.path == dir.path { break }
                dir = up
            }
        }
        return nil
    }
}
