/// Texts kept in the order they come, each as the length of the prefix it shares with the one
/// before (2 bytes) and its own rest (a LEB128 length, then the bytes), all in one buffer. What
/// a run keeps for its reports comes sorted, and sorted neighbours share most of their bytes (a
/// route's id `.../routeTables/rt-1/routes/r-7` with the route's before it, a JUnit case with the
/// case before it), so a 150-byte text takes some 30. Read back in order only.
public struct FrontCodedTexts: Sendable {
    private var bytes: [UInt8] = []
    public private(set) var count = 0
    /// The last text appended, which `bytes` keeps only in part; dropped by `finish`.
    private var last: [UInt8] = []

    public init() {}

    /// Room for `count` more texts of about `bytesEach` once coded.
    public mutating func reserveCapacity(_ count: Int, bytesEach: Int) {
        bytes.reserveCapacity(bytes.count + count * bytesEach)
    }

    public mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
        let limit = Swift.min(last.count, text.count, Int(UInt16.max))
        let shared = last.withUnsafeBufferPointer { Self.sharedPrefix($0, text, limit) }
        bytes.append(UInt8(shared & 0xFF))
        bytes.append(UInt8(shared >> 8))
        var rest = text.count - shared
        repeat {
            bytes.append(UInt8(rest & 0x7F) | (rest >= 0x80 ? 0x80 : 0))
            rest >>= 7
        } while rest > 0
        let tail = UnsafeBufferPointer(rebasing: text[shared...])
        bytes.append(contentsOf: tail)
        // The last text becomes this one: only the bytes after what they share change.
        last.removeLast(last.count - shared)
        last.append(contentsOf: tail)
        count += 1
    }

    /// Done appending: the last text is dropped and the buffer sized to what it holds (it grew
    /// by doubling).
    public mutating func finish() {
        last = []
        bytes = Array(bytes[...])
    }

    /// How many of their first `limit` bytes two texts share, eight at a time.
    static func sharedPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, _ limit: Int) -> Int {
        guard limit > 0, let x = a.baseAddress, let y = b.baseAddress else { return 0 }
        let rx = UnsafeRawPointer(x), ry = UnsafeRawPointer(y)
        var i = 0
        while i + 8 <= limit {
            let d = rx.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ ry.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if d != 0 { return i + d.littleEndian.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < limit && a[i] == b[i] { i += 1 }
        return i
    }

    /// Reads the texts back one after another into `text`.
    public struct Reader: Sendable {
        private let texts: FrontCodedTexts
        private var offset = 0
        /// The text read last (empty before the first).
        public private(set) var text: [UInt8] = []
        /// How many bytes the text read last shares with the one before it.
        public private(set) var shared = 0

        public init(_ texts: FrontCodedTexts) {
            self.texts = texts
            text.reserveCapacity(256)
        }

        /// Reads the next text; false when there is none.
        public mutating func next() -> Bool {
            guard offset < texts.bytes.count else { return false }
            texts.bytes.withUnsafeBufferPointer { bytes in
                var o = offset
                shared = Int(bytes[o]) | Int(bytes[o + 1]) << 8
                o += 2
                var rest = 0, shift = 0
                while true {
                    let b = bytes[o]
                    o += 1
                    rest |= Int(b & 0x7F) << shift
                    shift += 7
                    if b & 0x80 == 0 { break }
                }
                text.removeLast(text.count - shared)
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[o..<(o + rest)]))
                offset = o + rest
            }
            return true
        }
    }
}
