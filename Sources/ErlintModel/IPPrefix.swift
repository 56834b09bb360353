/// An address prefix such as `10.1.0.0/16` or `2001:db8::/126`: peering /30s, VNet spaces,
/// route destinations and owned public ranges are all prefixes.
public struct IPPrefix: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The network address with host bits cleared.
    public let network: IPAddress
    public let length: Int
    /// The text as written, when it had host bits set (`10.0.0.1/30`); rules may flag it.
    public let hadHostBits: Bool

    public init(network: IPAddress, length: Int) {
        let width = network.bitWidth
        precondition(length >= 0 && length <= width)
        let masked = IPPrefix.mask(network, length)
        self.network = masked
        self.length = length
        self.hadHostBits = masked != network
    }

    /// Parses `a.b.c.d/n` or `x::y/n`; a bare address is a host prefix (/32 or /128). Read by
    /// bytes, with no array of parts: every prefix of an estate (60 routes a table) comes here.
    public init?(_ text: some StringProtocol) {
        let trimmed = text.trimmingASCIIWhitespace()
        let utf8 = trimmed.utf8
        let slash = utf8.firstIndex(of: UInt8(ascii: "/"))
        guard let address = IPAddress(trimmed[..<(slash ?? trimmed.endIndex)]) else { return nil }
        guard let length = slash.map({ IPPrefix.length(utf8[utf8.index(after: $0)...], of: address) }) ?? address.bitWidth else { return nil }
        self.init(network: address, length: length)
    }

    /// The same for a `String`, on its bytes in place (see `IPAddress.init(_: String)`).
    public init?(_ text: String) {
        var text = text
        guard let prefix = text.withUTF8({ IPPrefix(utf8: $0) }) else { return nil }
        self = prefix
    }

    /// The same on UTF-8 bytes (a reader parsing a value in place).
    public init?(utf8 all: UnsafeBufferPointer<UInt8>) {
        func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var start = 0, end = all.count
        while start < end && space(all[start]) { start += 1 }
        while end > start && space(all[end - 1]) { end -= 1 }
        let text = UnsafeBufferPointer(rebasing: all[start..<end])
        let slash = text.firstIndex(of: UInt8(ascii: "/"))
        guard let address = IPAddress(utf8: UnsafeBufferPointer(rebasing: text[..<(slash ?? text.count)])) else { return nil }
        guard let length = slash.map({ IPPrefix.length(text[($0 + 1)...], of: address) }) ?? address.bitWidth else { return nil }
        self.init(network: address, length: length)
    }

    /// The prefix length after the slash: one to three decimal digits, at most the address's width.
    private static func length<Digits: Sequence<UInt8>>(_ digits: Digits, of address: IPAddress) -> Int? {
        var n = 0, count = 0
        for b in digits {
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"), count < 3 else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
            count += 1
        }
        return count > 0 && n <= address.bitWidth ? n : nil
    }

    public var isIPv4: Bool { network.isIPv4 }

    public func contains(_ address: IPAddress) -> Bool {
        address.isIPv4 == network.isIPv4 && IPPrefix.mask(address, length) == network
    }

    public func contains(_ other: IPPrefix) -> Bool {
        other.isIPv4 == isIPv4 && other.length >= length && contains(other.network)
    }

    public func overlaps(_ other: IPPrefix) -> Bool { contains(other) || other.contains(self) }

    /// The n-th address of the prefix (0 is the network address).
    public func address(at offset: UInt128) -> IPAddress {
        switch network {
        case .v4(let v): .v4(v &+ UInt32(truncatingIfNeeded: offset))
        case .v6(let v): .v6(IPv6Bits(v.value &+ offset))
        }
    }

    public var description: String { "\(network)/\(length)" }

    // Equality ignores how the prefix was written: 10.0.0.1/30 and 10.0.0.0/30 are one prefix.
    public static func == (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        lhs.network == rhs.network && lhs.length == rhs.length
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(network)
        hasher.combine(length)
    }

    public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        (lhs.network, lhs.length) < (rhs.network, rhs.length)
    }

    static func mask(_ address: IPAddress, _ length: Int) -> IPAddress {
        switch address {
        case .v4(let v):
            return .v4(length == 0 ? 0 : v & (UInt32.max << (32 - length)))
        case .v6(let v):
            return .v6(IPv6Bits(length == 0 ? 0 : v.value & (UInt128.max << (128 - length))))
        }
    }
}

extension StringProtocol {
    func trimmingASCIIWhitespace() -> Substring {
        let s = Substring(self)
        let utf8 = s.utf8
        func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        // By bytes: every id and prefix read is trimmed, and Character-level scanning was a
        // visible share of reading. The end is just past the last non-space byte, so it falls on
        // a character boundary even after a multi-byte character.
        guard let first = utf8.firstIndex(where: { !space($0) }), let last = utf8.lastIndex(where: { !space($0) }) else {
            return s[s.endIndex...]
        }
        return s[first..<utf8.index(after: last)]
    }
}
