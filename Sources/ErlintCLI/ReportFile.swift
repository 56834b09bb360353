import ArgumentParser
import Foundation

/// Report files are written whole or not at all: to a temporary file in the same folder, then
/// renamed over the report, so a reader (a CI step, a dashboard) sees the old file or the new
/// one, never half of one.
enum ReportFile {
    static func write(_ text: String, named name: String, in dir: String) throws {
        try write(named: name, in: dir) { emit in emit(text) }
    }

    /// Writes what `produce` hands out piece by piece, through a 1 MiB buffer, so a large report
    /// need not be one string in memory.
    static func write(named name: String, in dir: String, _ produce: ((String) -> Void) -> Void) throws {
        try write(named: name, in: dir, bytes: { emit in
            withoutActuallyEscaping(emit) { emit in
                produce { piece in
                    var piece = piece
                    piece.withUTF8 { emit(UnsafeRawBufferPointer($0)) }
                }
            }
        })
    }

    /// The same from pieces of UTF-8, each valid during the call only.
    static func write(named name: String, in dir: String, bytes produce: ((UnsafeRawBufferPointer) -> Void) -> Void) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: dir).appendingPathComponent(name).path
        let temporary = URL(fileURLWithPath: dir).appendingPathComponent(".\(name).\(getpid()).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw ValidationError("cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20 + 1 << 16)
        var failure: Error?
        func flush() {
            guard failure == nil, !buffer.isEmpty else { return }
            do { try handle.write(contentsOf: buffer) } catch { failure = error }
            buffer.removeAll(keepingCapacity: true)
        }
        produce { piece in
            buffer.append(contentsOf: piece)
            if buffer.count >= 1 << 20 { flush() }
        }
        flush()
        try? handle.close()
        if let failure {
            try? FileManager.default.removeItem(atPath: temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw ValidationError("cannot write \(path): \(reason)")
        }
        FileHandle.standardError.write(Data("erlint: wrote \(path)\n".utf8))
    }
}
