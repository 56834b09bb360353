#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ErlintModel

/// Maps byte offsets to 1-based line and column (columns in Unicode scalars, as editors count).
public struct LineIndex: Sendable {
    /// The file's bytes, shared with the document parsed from them.
    private let file: FileBytes
    private let lineStarts: [UInt32]

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
    }

    public func position(of offset: Int) -> (line: Int, column: Int) {
        let bytes = file.contents
        let off = UInt32(max(0, min(offset, bytes.count)))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= off { lo = mid } else { hi = mid - 1 }
        }
        var column = 1
        var i = Int(lineStarts[lo])
        while i < Int(off) {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // A UTF-8 BOM is not a column.
        if lo == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) && off >= 3 { column -= 1 }
        return (lo + 1, column)
    }

    public func location(_ file: String, _ offset: Int) -> SourceLocation {
        let (line, column) = position(of: offset)
        return SourceLocation(file: file, line: line, column: column)
    }
}
