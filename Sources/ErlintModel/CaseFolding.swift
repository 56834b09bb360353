#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

extension String {
    /// `lowercased()`, by bytes when the text is ASCII (ids, names and subjects nearly always
    /// are) and without a new string when there is nothing to lower. Reports and rules fold
    /// every subject; the general `lowercased()` cost about 2,000 instructions a subject.
    public var caseFolded: String { caseFoldedTellingASCII.folded }

    /// `caseFolded`, and whether the text is ASCII (whose folded forms then compare as bytes in
    /// the order `String` gives), from the one pass over it.
    public var caseFoldedTellingASCII: (folded: String, isASCII: Bool) {
        var copy = self
        return copy.withUTF8 { bytes in
            switch CaseFolding.scan(bytes) {
            case .clean: (self, true)
            case .asciiWithCapitals: (CaseFolding.lowered(bytes), true)
            case .nonASCII: (lowercased(), false)
            }
        }
    }

    /// Whether `lowercased()` would equal `lower`, a lowercase ASCII literal such as
    /// `"virtualappliance"`, compared on the bytes in place when the text is ASCII.
    public func lowercasedEquals(_ lower: String) -> Bool {
        // In place, eight bytes at a time (rules ask this of every route's next hop type).
        let ascii: Bool? = utf8.withContiguousStorageIfAvailable { t -> Bool? in
            guard CaseFolding.scan(t) != .nonASCII else { return nil }
            return lower.utf8.withContiguousStorageIfAvailable { FoldedBytes.equalASCII(t, $0) } ?? nil
        } ?? nil
        return ascii ?? (lowercased() == lower)
    }
}

/// Case-insensitive tests on UTF-8 bytes in place, for reports that go over every subject
/// examined without making a `String` of each. ASCII only: text with other characters is folded
/// by Unicode's rules (`caseFolded`), which callers fall back to.
public enum FoldedBytes {
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { CaseFolding.scan(bytes) != .nonASCII }

    /// Appends ASCII text with its capitals lowered, eight bytes at a time.
    public static func appendFolded(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let start = out.count
        out.append(contentsOf: bytes)
        out.withUnsafeMutableBytes { o in
            let raw = UnsafeRawPointer(base)
            var i = 0
            while i + 8 <= bytes.count {
                let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                o.storeBytes(of: v | CaseFolding.capitalMask(v) >> 2, toByteOffset: start + i, as: UInt64.self)
                i += 8
            }
            while i < bytes.count {
                let b = base[i]
                o[start + i] = b &- 65 < 26 ? b | 0x20 : b
                i += 1
            }
        }
    }

    /// A string's UTF-8 bytes in place (a copy only for a string that is not stored contiguously).
    public static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(s.utf8).withUnsafeBufferPointer(body)
    }

    /// Three-way order of two texts with ASCII letters folded, by bytes: for ASCII the order of
    /// their `caseFolded` strings.
    public static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = Swift.min(x.count, y.count)
        if n > 0, let a = x.baseAddress, let b = y.baseAddress {
            let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
            var i = 0
            while i + 8 <= n {
                let v = ra.loadUnaligned(fromByteOffset: i, as: UInt64.self), w = rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if v != w {
                    let fv = v | CaseFolding.capitalMask(v) >> 2, fw = w | CaseFolding.capitalMask(w) >> 2
                    // The first differing byte decides: compared big-endian.
                    if fv != fw { return fv.bigEndian < fw.bigEndian ? -1 : 1 }
                }
                i += 8
            }
            while i < n {
                let p = a[i] &- 65 < 26 ? a[i] | 0x20 : a[i], q = b[i] &- 65 < 26 ? b[i] | 0x20 : b[i]
                if p != q { return p < q ? -1 : 1 }
                i += 1
            }
        }
        return x.count == y.count ? 0 : x.count < y.count ? -1 : 1
    }

    /// Feeds a text to `hasher` with ASCII letters folded, eight bytes at a time, so texts equal
    /// by `equalASCII` hash alike.
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>, into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        hasher.combine(hashWords(bytes) { hasher.combine($0) })
    }

    /// Hands out a text's eight-byte words for hashing as `equalASCII` compares, and returns the
    /// bytes after the last whole word as one number (0 when there are none). Every byte has its
    /// 0x20 bit set, which folds ASCII capitals in one operation: texts equal once folded give
    /// equal words, and the few other bytes it merges (`@` and a backquote, `[` and `{`…) only
    /// cost a comparison when they collide.
    @inline(__always)
    static func hashWords(_ bytes: UnsafeBufferPointer<UInt8>, _ word: (UInt64) -> Void) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            word(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | 0x2020_2020_2020_2020)
            i += 8
        }
        var rest: UInt64 = 0
        while i < bytes.count {
            rest = rest << 8 | UInt64(base[i] | 0x20)
            i += 1
        }
        return rest
    }

    /// Whether two ASCII texts are equal with letters folded, eight bytes at a time.
    public static func equalASCII(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        guard let a = x.baseAddress, let b = y.baseAddress else { return true }
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        var i = 0
        while i + 8 <= x.count {
            let v = ra.loadUnaligned(fromByteOffset: i, as: UInt64.self), w = rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if v != w && v | CaseFolding.capitalMask(v) >> 2 != w | CaseFolding.capitalMask(w) >> 2 { return false }
            i += 8
        }
        while i < x.count {
            let p = x[i], q = y[i]
            if p != q && (p &- 65 < 26 ? p | 0x20 : p) != (q &- 65 < 26 ? q | 0x20 : q) { return false }
            i += 1
        }
        return true
    }
}

/// Byte order of UTF-8 texts, three-way (negative, zero, positive): for ASCII it is the order
/// `String` gives, without its general comparison.
public enum ByteOrder {
    public static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Int {
        let n = Swift.min(x.count, y.count)
        let c = n == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, n)
        if c != 0 { return c < 0 ? -1 : 1 }
        return x.count == y.count ? 0 : x.count < y.count ? -1 : 1
    }
}

enum CaseFolding {
    enum Kind { case clean, asciiWithCapitals, nonASCII }

    /// Eight bytes at a time: byte by byte, with a test per byte, this cost seven instructions a
    /// byte (subjects are 100 to 200 bytes, and reports fold each several times).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Kind {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return .clean }
        let raw = UnsafeRawPointer(base)
        var any: UInt64 = 0, capitals: UInt64 = 0
        var i = 0
        while i + 8 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            any |= v
            capitals |= capitalMask(v)
            i += 8
        }
        while i < n {
            let b = base[i]
            any |= UInt64(b)
            if b &- 65 < 26 { capitals = 1 }
            i += 1
        }
        return any & 0x8080_8080_8080_8080 != 0 ? .nonASCII : capitals != 0 ? .asciiWithCapitals : .clean
    }

    /// Whether any byte is an ASCII capital letter, eight bytes at a time.
    static func hasCapitals(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            if capitalMask(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) != 0 { return true }
            i += 8
        }
        while i < bytes.count {
            if base[i] &- 65 < 26 { return true }
            i += 1
        }
        return false
    }

    /// ASCII bytes with capitals lowered, as a new string, eight bytes at a time.
    static func lowered(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let n = bytes.count
        return String(unsafeUninitializedCapacity: n) { out in
            guard let base = bytes.baseAddress, let target = out.baseAddress else { return 0 }
            let raw = UnsafeRawPointer(base), to = UnsafeMutableRawPointer(target)
            var i = 0
            while i + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                to.storeBytes(of: v | capitalMask(v) >> 2, toByteOffset: i, as: UInt64.self)
                i += 8
            }
            while i < n {
                let b = base[i]
                out[i] = b &- 65 < 26 ? b | 0x20 : b
                i += 1
            }
            return n
        }
    }

    /// 0x80 in each byte of `v` that is an ASCII capital letter, 0 in the others. Per byte, with
    /// no carry into the next: of the low seven bits x, x + 63 reaches 0x80 when x >= 'A' and
    /// x + 37 when x > 'Z'; bytes with the high bit set are not letters.
    @inline(__always) static func capitalMask(_ v: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let low7 = v & ~high
        return (low7 &+ ones &* 63) & ~(low7 &+ ones &* 37) & ~v & high
    }
}
