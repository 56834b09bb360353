/// 64-bit FNV-1a: the same value on every platform and in every run (Swift's `Hasher` is seeded
/// per process), so fingerprints and shard assignments agree between machines.
public enum StableHash {
    public static func fnv1a<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    public static func fnv1a(_ text: String) -> UInt64 { fnv1a(text.utf8) }
}
