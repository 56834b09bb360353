/// An IPv4 or IPv6 address, parsed once so that prefixes and lookups compare numbers, not text.
public enum IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    case v4(UInt32)
    case v6(IPv6Bits)

    public var isIPv4: Bool { if case .v4 = self { true } else { false } }
    public var bitWidth: Int { isIPv4 ? 32 : 128 }

    /// The address as a left-aligned 128-bit value, so one trie walk serves both families.
    var leftAligned: UInt128 {
        switch self {
        case .v4(let v): UInt128(v) << 96
        case .v6(let v): v.value
        }
    }

    public init?(_ text: some StringProtocol) {
        if text.utf8.contains(UInt8(ascii: ":")) {
            guard let v = IPAddress.parseV6(Substring(text)) else { return nil }
            self = .v6(IPv6Bits(v))
        } else {
            guard let v = IPAddress.parseV4(Substring(text)) else { return nil }
            self = .v4(v)
        }
    }

    /// The same for a `String`, on its bytes in place. Every address and prefix of an estate is
    /// read here; the generic initialiser, called from another module, runs unspecialised
    /// (through protocol witnesses for each byte) and was 2% of an audit.
    public init?(_ text: String) {
        var text = text
        guard let address = text.withUTF8({ IPAddress(utf8: $0) }) else { return nil }
        self = address
    }

    /// The same on UTF-8 bytes (a reader parsing a value in place).
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.contains(UInt8(ascii: ":")) {
            guard let v = IPAddress.parseV6(Substring(decoding: bytes, as: UTF8.self)) else { return nil }
            self = .v6(IPv6Bits(v))
        } else {
            guard let v = IPAddress.parseV4(bytes) else { return nil }
            self = .v4(v)
        }
    }

    static func parseV4(_ text: Substring) -> UInt32? { parseV4(text.utf8) }

    /// Four dot-separated decimal octets of one to three digits, read byte by byte (every
    /// prefix and address of an estate goes through here).
    static func parseV4<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32? {
        var value: UInt32 = 0, octet: UInt32 = 0
        var digits = 0, dots = 0
        for b in bytes {
            if b == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | octet
                dots += 1
                octet = 0
                digits = 0
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                guard digits < 3 else { return nil }
                octet = octet * 10 + UInt32(b - UInt8(ascii: "0"))
                digits += 1
                guard octet <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, dots == 3 else { return nil }
        return value << 8 | octet
    }

    static func parseV6(_ text: Substring) -> UInt128? {
        var text = text
        var tail: [UInt16] = []
        // An embedded IPv4 tail (::ffff:192.0.2.1) becomes the last two groups.
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard let v4 = parseV4(text[text.index(after: lastColon)...]) else { return nil }
            tail = [UInt16(v4 >> 16), UInt16(v4 & 0xffff)]
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
        }
        func groups(_ s: Substring) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            for g in s.split(separator: ":", omittingEmptySubsequences: false) {
                guard !g.isEmpty, g.count <= 4, let v = UInt16(g, radix: 16) else { return nil }
                out.append(v)
            }
            return out
        }
        var all: [UInt16]
        if let range = text.firstRange(of: "::") {
            guard let head = groups(text[..<range.lowerBound]),
                  let rest = groups(text[range.upperBound...]),
                  !text[range.upperBound...].contains("::") else { return nil }
            let missing = 8 - head.count - rest.count - tail.count
            guard missing >= 1 else { return nil }
            all = head + Array(repeating: 0, count: missing) + rest + tail
        } else {
            guard let g = groups(text) else { return nil }
            all = g + tail
        }
        guard all.count == 8 else { return nil }
        return all.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    public var description: String {
        switch self {
        case .v4(let v):
            // Digits written into a buffer: interpolating four numbers made and joined five
            // strings, for every session key and every address in a report.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 15) { buffer in
                var n = 0
                for shift in stride(from: 24, through: 0, by: -8) {
                    let octet = Int(v >> UInt32(shift) & 0xff)
                    if octet >= 100 { buffer[n] = UInt8(48 + octet / 100); n += 1 }
                    if octet >= 10 { buffer[n] = UInt8(48 + octet / 10 % 10); n += 1 }
                    buffer[n] = UInt8(48 + octet % 10)
                    n += 1
                    if shift > 0 { buffer[n] = UInt8(ascii: "."); n += 1 }
                }
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<n]), as: UTF8.self)
            }
        case .v6(let v):
            let groups = (0..<8).map { UInt16(truncatingIfNeeded: v.value >> (112 - 16 * $0)) }
            // RFC 5952: compress the longest run (length >= 2) of zero groups.
            var best = (start: -1, length: 0)
            var i = 0
            while i < 8 {
                if groups[i] == 0 {
                    var j = i
                    while j < 8 && groups[j] == 0 { j += 1 }
                    if j - i > best.length && j - i >= 2 { best = (i, j - i) }
                    i = j
                } else { i += 1 }
            }
            let hex = groups.map { String($0, radix: 16) }
            if best.start < 0 { return hex.joined(separator: ":") }
            let head = hex[..<best.start].joined(separator: ":")
            let tail = hex[(best.start + best.length)...].joined(separator: ":")
            return head + "::" + tail
        }
    }

    public static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        switch (lhs, rhs) {
        case let (.v4(a), .v4(b)): a < b
        case let (.v6(a), .v6(b)): a < b
        case (.v4, .v6): true
        case (.v6, .v4): false
        }
    }
}

/// An IPv6 address's 128 bits, held as two words: `UInt128` is aligned to 16 bytes, so every
/// value holding an address (a prefix, a route, the resource holding the route) was padded to
/// 16, and each resource, a class instance, was allocated through the aligned allocator at about
/// twice the cost of a plain one.
public struct IPv6Bits: Sendable, Hashable, Comparable {
    public let high: UInt64
    public let low: UInt64

    public init(_ value: UInt128) {
        high = UInt64(truncatingIfNeeded: value >> 64)
        low = UInt64(truncatingIfNeeded: value)
    }

    public var value: UInt128 { UInt128(high) << 64 | UInt128(low) }

    public static func < (a: IPv6Bits, b: IPv6Bits) -> Bool { (a.high, a.low) < (b.high, b.low) }
}

extension Character {
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 48 && $0 <= 57 } ?? false }
}
