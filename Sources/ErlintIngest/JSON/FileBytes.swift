#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes in memory of their own, never changed once read: the JSON document parsed
/// from them and the line index that places its values share them. Read straight into that
/// memory: through `Data`, then an array, then the document's copy, an export was copied three
/// times, and a large audit reads gigabytes of exports.
final class FileBytes: @unchecked Sendable {
    let bytes: UnsafeMutableBufferPointer<UInt8>

    /// A copy of `array` (tests, and texts that are in memory already).
    init(copying array: [UInt8]) {
        bytes = .allocate(capacity: max(1, array.count))
        _ = bytes.initialize(from: array)
        count = array.count
    }

    /// The whole file, or nil when it cannot be opened or read.
    init?(contentsOf path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        // The size is a first guess: a file that grows while it is read (or a pipe) is read on.
        var capacity = max(Int(st.st_size), 0) + 1
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var filled = 0
        while true {
            if filled == capacity {
                let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                grown.copyMemory(from: buffer, byteCount: filled)
                buffer.deallocate()
                buffer = grown
                capacity *= 2
            }
            let n = read(fd, buffer + filled, capacity - filled)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                buffer.deallocate()
                return nil
            }
            filled += n
        }
        bytes = UnsafeMutableBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: capacity)
        count = filled
    }

    /// `count` bytes of an open file from `offset` (a piece of an export, `ExportPieces`), or
    /// nil when they cannot all be read.
    init?(reading fd: Int32, at offset: Int, count: Int) {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 16)
        var filled = 0
        while filled < count {
            let n = pread(fd, buffer + filled, count - filled, off_t(offset + filled))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                buffer.deallocate()
                return nil
            }
            filled += n
        }
        bytes = UnsafeMutableBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: max(count, 1))
        self.count = count
    }

    /// How many bytes the file has (the memory may be larger).
    let count: Int

    /// The file's bytes.
    var contents: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[0..<count]) }

    deinit { bytes.deallocate() }
}
