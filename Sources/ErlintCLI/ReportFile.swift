import ArgumentParser
import Foundation

/// Report files are written whole or not at all: to a temporary file in the same folder, then
/// renamed over the report, so a reader (a CI step, a dashboard) sees the old file or the new
/// one, never half of one.
enum ReportFile {
    static func write(_ text: String, named name: String, in dir: String) throws {
        try write(named: name, in: dir) { emit in emit(text) }
    }

    /// Writes what `produce` hands out piece by piece, through a 256 KiB buffer, so a large report
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

    /// The same from pieces of UTF-8, each valid during the call only. The pieces are gathered
    /// into 256 KiB buffers that another thread writes while the next one fills: copying a large
    /// report into the file's pages is kernel work (a second of it for the 430 MB JUnit report
    /// of 10,000 customers) that would otherwise stop the rendering each time.
    static func write(named name: String, in dir: String, bytes produce: ((UnsafeRawBufferPointer) -> Void) -> Void) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: dir).appendingPathComponent(name).path
        let temporary = URL(fileURLWithPath: dir).appendingPathComponent(".\(name).\(getpid()).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ValidationError("cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        let writer = BufferedWriter(fd)
        produce { piece in writer.append(piece) }
        let failure = writer.finish()
        let closed = close(fd) == 0 ? nil : String(cString: strerror(errno))
        if let reason = failure ?? closed {
            unlink(temporary)
            throw ValidationError("cannot write \(temporary): \(reason)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ValidationError("cannot write \(path): \(reason)")
        }
        FileHandle.standardError.write(Data("erlint: wrote \(path)\n".utf8))
    }
}

/// Two 256 KiB buffers: one is filled while a serial queue writes the other to the file. Three
/// reports are written at once, each through two: with 1 MiB buffers they were most of what an
/// audit of 100 customers allocates for its reports (4.5 of 7 MB), and no faster at 10,000.
private final class BufferedWriter: @unchecked Sendable {
    static let size = 1 << 18
    private let fd: Int32
    private var buffers: [UnsafeMutableRawBufferPointer]
    private var current = 0
    private var filled = 0
    /// Buffers not being written: the one being filled counts as taken.
    private let free = DispatchSemaphore(value: 1)
    private let queue = DispatchQueue(label: "erlint.report-writer")
    /// The first write error (read after the queue has drained).
    private var failure: String?

    init(_ fd: Int32) {
        self.fd = fd
        buffers = (0..<2).map { _ in UnsafeMutableRawBufferPointer.allocate(byteCount: BufferedWriter.size, alignment: 16) }
    }

    deinit { for b in buffers { b.deallocate() } }

    func append(_ piece: UnsafeRawBufferPointer) {
        var rest = piece
        while !rest.isEmpty {
            let n = min(rest.count, Self.size - filled)
            UnsafeMutableRawBufferPointer(rebasing: buffers[current][filled..<(filled + n)]).copyMemory(from: UnsafeRawBufferPointer(rebasing: rest[0..<n]))
            filled += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            if filled == Self.size { hand() }
        }
    }

    /// Hands the full buffer to the queue and takes the other once it is written.
    private func hand() {
        let index = current, count = filled
        queue.async { [self] in
            if failure == nil { failure = Self.writeAll(fd, UnsafeRawBufferPointer(rebasing: buffers[index][0..<count])) }
            free.signal()
        }
        free.wait()
        current = 1 - current
        filled = 0
    }

    /// Writes what is left and waits for the queue; the first error, if any.
    func finish() -> String? {
        if filled > 0 { hand() }
        return queue.sync { failure }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> String? {
        var at = 0
        while at < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + at, bytes.count - at)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            at += n
        }
        return nil
    }
}
