#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ErlintModel

/// Maps byte offsets to 1-based line and column (columns in Unicode scalars, as editors count).
///
/// A position costs the same wherever it lies in its line: exports written on one line (the REST
/// API's and Resource Graph's, minified) have every resource on line 1, and counting the line's
/// characters up to each one made reading such a file grow with the square of its size (a 4 MB
/// one took 17 s). In a file of ASCII only, a column is the distance from the line's start; in
/// any other, the scalars before every 256-byte block are counted once, up front.
public struct LineIndex: Sendable {
    /// The file's bytes, shared with the document parsed from them.
    private let file: FileBytes
    private let lineStarts: [UInt32]
    /// Scalars (bytes that start a UTF-8 sequence) before each block of `blockSize` bytes;
    /// empty when the file is all ASCII, where every byte is a scalar.
    private let scalarsBeforeBlock: [UInt32]
    static let blockSize = 256
    /// Where the bytes start in their file, for a piece of it read alone (`ExportPieces`):
    /// positions are the file's, not the piece's.
    private var base = (line: 1, column: 1)

    public init(_ bytes: [UInt8]) {
        self.init(FileBytes(copying: bytes))
    }

    init(_ file: FileBytes) {
        self.file = file
        let p = file.contents
        var starts: [UInt32] = [0]
        starts.reserveCapacity(p.count / 40 + 1)
        // memchr finds each newline many bytes at a time (a byte loop was 4% of reading).
        if let base = p.baseAddress {
            var at = base
            let end = base + p.count
            while at < end, let hit = memchr(at, 0x0A, end - at) {
                let nl = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                starts.append(UInt32(nl - base + 1))
                at = nl + 1
            }
        }
        lineStarts = starts
        scalarsBeforeBlock = Self.isASCII(p) ? [] : Self.scalarCounts(p)
    }

    /// Whether no byte has its high bit set, 32 bytes at a time in four words (every export is
    /// checked).
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var a: UInt64 = 0, b: UInt64 = 0, c: UInt64 = 0, d: UInt64 = 0
        while i + 32 <= p.count {
            a |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            b |= raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            c |= raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
            d |= raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            i += 32
        }
        while i < p.count {
            a |= UInt64(p[i])
            i += 1
        }
        return (a | b | c | d) & 0x8080_8080_8080_8080 == 0
    }

    static func scalarCounts(_ p: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        var counts: [UInt32] = []
        counts.reserveCapacity(p.count / blockSize + 1)
        var scalars: UInt32 = 0
        for (i, b) in p.enumerated() {
            if i % blockSize == 0 { counts.append(scalars) }
            if b & 0xC0 != 0x80 { scalars += 1 }
        }
        if p.count % blockSize == 0 { counts.append(scalars) }
        return counts
    }

    /// Scalars in the first `offset` bytes.
    private func scalars(before offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let block = offset / Self.blockSize
        var count = Int(scalarsBeforeBlock[block])
        var i = block * Self.blockSize
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    public func position(of offset: Int) -> (line: Int, column: Int) {
        let bytes = file.contents
        let off = UInt32(max(0, min(offset, bytes.count)))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= off { lo = mid } else { hi = mid - 1 }
        }
        let start = Int(lineStarts[lo])
        var column = 1 + Int(off) - start
        if !scalarsBeforeBlock.isEmpty {
            column = 1 + scalars(before: Int(off), bytes) - scalars(before: start, bytes)
        }
        // A UTF-8 BOM is not a column.
        if lo == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) && off >= 3 { column -= 1 }
        if lo == 0 { column += base.column - 1 }
        return (lo + base.line, column)
    }

    /// The index of bytes that start at `base` in their file.
    init(_ file: FileBytes, startingAt base: (line: Int, column: Int)) {
        self.init(file)
        self.base = base
    }

    public func location(_ file: String, _ offset: Int) -> SourceLocation {
        let (line, column) = position(of: offset)
        return SourceLocation(file: file, line: line, column: column)
    }
}
