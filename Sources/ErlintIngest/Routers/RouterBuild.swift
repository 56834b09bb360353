import ErlintModel

/// The router config being assembled from one file, plus what went wrong reading it.
final class RouterBuild {
    let file: String
    var config: RouterConfig
    var diagnostics: [Diagnostic] = []
    /// Elements inside captured stanzas that no reader read.
    var unreadElements = 0

    init(file: String) {
        self.file = file
        config = RouterConfig(name: "", file: file, location: SourceLocation(file: file, line: 1, column: 1))
    }

    func location(_ e: XMLElement) -> SourceLocation { e.location(file) }

    func warn(_ e: XMLElement, _ message: String) {
        diagnostics.append(Diagnostic(.warning, location(e), message))
    }

    /// An address element's text as an IP address; a malformed one is a warning naming the text.
    func address(_ e: XMLElement?, _ what: String) -> IPAddress? {
        guard let e else { return nil }
        let t = e.text
        if let a = IPAddress(t) { return a }
        warn(e, "\(what) '\(t)' is not an IPv4 or IPv6 address; ignored")
        return nil
    }

    /// `10.0.0.1/30` as written on an interface (host bits kept).
    func interfaceAddress(_ e: XMLElement?, _ what: String) -> InterfaceAddress? {
        guard let e else { return nil }
        let t = e.text
        let parts = t.split(separator: "/")
        if parts.count == 2, let a = IPAddress(parts[0]), let n = Int(parts[1]), n >= 0, n <= a.bitWidth {
            return InterfaceAddress(address: a, prefixLength: n)
        }
        warn(e, "\(what) '\(t)' is not an address with a prefix length (e.g. 172.16.0.1/30); ignored")
        return nil
    }

    func prefix(_ e: XMLElement?, _ what: String) -> IPPrefix? {
        guard let e else { return nil }
        let t = e.text
        if let p = IPPrefix(t) { return p }
        warn(e, "\(what) '\(t)' is not a prefix such as 198.51.100.0/24; ignored")
        return nil
    }

    /// An AS number: plain (`65001`) or asdot (`1.10`).
    func asNumber(_ e: XMLElement?) -> Int? {
        guard let e else { return nil }
        let t = e.text
        if let n = RouterBuild.parseASN(t) { return n }
        warn(e, "AS number '\(t)' is neither a number nor asdot (1.10); ignored")
        return nil
    }

    static func parseASN(_ t: String) -> Int? {
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 1, let n = UInt32(t) { return Int(n) }
        if parts.count == 2, let hi = UInt16(parts[0]), let lo = UInt16(parts[1]) { return Int(hi) << 16 | Int(lo) }
        return nil
    }

    /// An IOS-XR style two-part AS (`as-xx`, `as-yy`).
    static func asn(high: Int?, low: Int?) -> Int? {
        guard let low else { return nil }
        return (high ?? 0) << 16 | low
    }

    /// Prefix length of a dotted netmask (`255.255.255.252` is 30); nil if not contiguous.
    static func prefixLength(netmask: String) -> Int? {
        guard case .v4(let m)? = IPAddress(netmask) else { return nil }
        let n = m.leadingZeroBitCount == 0 ? (~m).leadingZeroBitCount : 0
        return (n == 32 ? UInt32.max : ~(UInt32.max >> UInt32(n))) == m ? n : nil
    }
}

/// BGP settings at one level (global, group, neighbor); a neighbor's session is its own settings
/// over its group's over the global ones, as routers resolve them.
struct SessionSettings {
    var peerAS: Int?
    var localAS: Int?
    var localAddress: IPAddress?
    var importPolicies: [String]?
    var exportPolicies: [String]?
    var bfd: Bool?
    var authentication: Bool?
    var state: BGPSession.State?
    var description: String?

    /// These settings where set, `base` elsewhere. Inactive or shut down anywhere up the chain
    /// stays so.
    func over(_ base: SessionSettings) -> SessionSettings {
        var out = self
        out.peerAS = peerAS ?? base.peerAS
        out.localAS = localAS ?? base.localAS
        out.localAddress = localAddress ?? base.localAddress
        out.importPolicies = importPolicies ?? base.importPolicies
        out.exportPolicies = exportPolicies ?? base.exportPolicies
        out.bfd = bfd ?? base.bfd
        out.authentication = authentication ?? base.authentication
        if base.state == .inactive || state == .inactive {
            out.state = .inactive
        } else if base.state == .shutdown || state == .shutdown {
            out.state = .shutdown
        }
        return out
    }

    func session(neighbor: IPAddress, instance: String?, group: String?, location: SourceLocation) -> BGPSession {
        var s = BGPSession(neighbor: neighbor, location: location)
        s.routingInstance = instance
        s.group = group
        s.description = description
        s.peerAS = peerAS
        s.localAS = localAS
        s.localAddress = localAddress
        s.importPolicies = importPolicies ?? []
        s.exportPolicies = exportPolicies ?? []
        s.bfd = bfd ?? false
        s.authentication = authentication ?? false
        s.state = state ?? .active
        return s
    }
}
