import ArgumentParser
import Foundation

/// Report files are written whole or not at all: to a temporary file in the same folder, then
/// renamed over the report, so a reader (a CI step, a dashboard) sees the old file or the new
/// one, never half of one.
enum ReportFile {
    static func write(_ text: String, named name: String, in dir: String) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: dir).appendingPathComponent(name).path
        let temporary = URL(fileURLWithPath: dir).appendingPathComponent(".\(name).\(getpid()).tmp").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ValidationError("cannot write \(path): \(reason)")
        }
        FileHandle.standardError.write(Data("erlint: wrote \(path)\n".utf8))
    }
}
