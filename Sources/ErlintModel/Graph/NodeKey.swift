/// A node's lookup key (a folded resource id, `customer:<id>`, `router:<name>`…) with its hash
/// computed once, eight bytes at a time. The graph's table is hashed for every resource and
/// every reference; hashing a 150-byte id as a `String` (SipHash, byte by byte) was 3% of an
/// audit. The hash is seeded anew in each process, so ids cannot be crafted to collide.
struct NodeKey: Hashable {
    let text: String
    private let hash: UInt64

    init(_ text: String) {
        self.text = text
        var copy = text
        hash = copy.withUTF8 { Self.hash($0) }
    }

    static func == (a: NodeKey, b: NodeKey) -> Bool { a.hash == b.hash && a.text == b.text }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    private static let seed = UInt64.random(in: .min ... .max)

    /// A multiply-and-shift mix of each eight-byte word, then of the rest (the mixer of
    /// SplitMix64 and Stafford's "variant 13").
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = seed ^ (UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15)
        guard let base = bytes.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var rest: UInt64 = 0
        while i < bytes.count {
            rest = rest << 8 | UInt64(base[i])
            i += 1
        }
        h = (h ^ rest) &* 0x94D0_49BB_1331_11EB
        return h ^ h >> 29
    }
}
