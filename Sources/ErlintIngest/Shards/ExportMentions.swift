#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ErlintModel

/// What a shard learns about an export without parsing it: the subscriptions it mentions and the
/// circuit-link prefixes it declares. Finding these is a byte search, many times
/// faster than parsing, so every shard can afford it over the whole estate and then parse only
/// the exports that concern its customers.
struct ExportMentions: Sendable {
    /// Subscription ids in `/subscriptions/<id>` text anywhere in the file, lowercased, sorted.
    var subscriptions: [String] = []
    /// Values of `primaryPeerAddressPrefix` and `secondaryPeerAddressPrefix` (any peering, v4 or v6).
    var linkPrefixes: [IPPrefix] = []
    /// The file could not be read; every shard then reads it, so its error is reported.
    var unreadable = false

    static let subscriptionNeedle = Array("ubscriptions/".utf8)
    static let prefixNeedle = Array("PeerAddressPrefix\"".utf8)

    /// Scans one file. `scope` is the subscription the manifest deploys a template to.
    static func scan(_ file: String, scope: String?) -> ExportMentions {
        // Read as the batches read it (`FileBytes`): Foundation's `Data` read of the whole estate
        // cost three times as much in the kernel as the same bytes read into one buffer.
        guard let contents = FileBytes(contentsOf: file) else {
            var out = ExportMentions()
            out.unreadable = true
            return out
        }
        return withExtendedLifetime(contents) { scan([contents.contents], scope: scope) }
    }

    /// Scans parts of a file (a piece of an export: `ExportPieces`), as one.
    static func scan(_ parts: [UnsafeBufferPointer<UInt8>], scope: String?) -> ExportMentions {
        var out = ExportMentions()
        var subscriptions = Set<String>()
        if let scope { subscriptions.insert(scope.lowercased()) }
        for bytes in parts {
            guard let start = bytes.baseAddress, bytes.count > 0 else { continue }
            let base = UnsafeRawPointer(start)
            let n = bytes.count
            // The last id's subscription, as a place in the file: the ids of an export nearly all
            // name one subscription, so each is compared in place with the one before and only a
            // new one is copied out (an array and a string per id were most of the scan).
            var last = (start: 0, count: 0)
            forEach(subscriptionNeedle, anchor: 1, in: base, n) { at in
                // `/subscriptions/` or `/Subscriptions/`: the needle starts after the s.
                guard at >= 2, bytes[at - 2] == UInt8(ascii: "/"), bytes[at - 1] | 0x20 == UInt8(ascii: "s") else { return }
                var end = at + subscriptionNeedle.count
                let start = end
                // Nearly every id repeats the subscription before it: that is checked first, with
                // no byte-by-byte walk to the end of the segment.
                if last.count > 0, start + last.count < n, memcmp(base + start, base + last.start, last.count) == 0,
                   isIDTerminator(bytes[start + last.count]) { return }
                while end < n, end - start < 64, !isIDTerminator(bytes[end]) { end += 1 }
                guard end > start else { return }
                last = (start, end - start)
                let guid = UnsafeBufferPointer(rebasing: bytes[start..<end])
                subscriptions.insert(String(decoding: guid.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self))
            }
            forEach(prefixNeedle, anchor: 0, in: base, n) { at in
                var i = at + prefixNeedle.count
                while i < n, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == UInt8(ascii: ":") { i += 1 }
                guard i < n, bytes[i] == UInt8(ascii: "\"") else { return }
                let start = i + 1
                var end = start
                while end < n, end - start < 64, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                if let p = IPPrefix(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) {
                    out.linkPrefixes.append(p)
                }
            }
        }
        out.subscriptions = subscriptions.sorted()
        return out
    }

    /// Adds what another part of the same file mentions, after this part (`scan` of both parts
    /// at once gives the same).
    mutating func add(_ other: ExportMentions) {
        // Most parts name the subscription the ones before did.
        if !other.subscriptions.isEmpty && other.subscriptions != subscriptions {
            subscriptions = subscriptions.isEmpty ? other.subscriptions : Set(subscriptions + other.subscriptions).sorted()
        }
        linkPrefixes += other.linkPrefixes
        unreadable = unreadable || other.unreadable
    }

    static func isIDTerminator(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "/") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == UInt8(ascii: "'") || b <= 0x20
    }

    /// Calls `body` with the offset of every occurrence of `needle`: `memchr` (vectorised in libc)
    /// finds each candidate by one fairly rare byte of the needle, then the rest is compared.
    static func forEach(_ needle: [UInt8], anchor: Int, in base: UnsafeRawPointer, _ count: Int, _ body: (Int) -> Void) {
        needle.withUnsafeBytes { needle in
            let m = needle.count
            let first = Int32(needle[anchor])
            var offset = anchor
            while offset < count, let hit = memchr(base + offset, first, count - offset) {
                let at = base.distance(to: UnsafeRawPointer(hit)) - anchor
                offset = at + anchor + 1
                guard at + m <= count else { break }
                if memcmp(base + at, needle.baseAddress!, m) == 0 { body(at) }
            }
        }
    }
}
