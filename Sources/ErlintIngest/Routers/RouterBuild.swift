import ErlintModel

/// The router config being assembled from one file, plus what went wrong reading it.
final class RouterBuild {
    let file: String
    var config: RouterConfig
    var diagnostics: [Diagnostic] = []
    /// Elements inside captured stanzas that no reader read.
    var unreadElements = 0
    /// Set by a reader that keeps an element of the stanza it is given, to read it in `finish`
    /// (a Junos BGP group, an OpenConfig neighbor): what is unread in that stanza is counted then.
    var keepsStanza = false
    /// The deactivated element the stanza being read lies in, if any ("protocols bgp (line
    /// 12)"): the stanza is off whatever it says itself.
    var deactivatedAncestor: String?
    /// BGP neighbors in captured stanzas that no reader read, and the first of them.
    var unreadNeighbors = 0
    var firstUnreadNeighbor: SourceLocation?

    init(file: String) {
        self.file = file
        config = RouterConfig(name: "", file: file, location: SourceLocation(file: file, line: 1, column: 1))
    }

    func location(_ e: XMLElement) -> SourceLocation { e.location(file) }

    /// Marks down the active sessions whose neighbor only disabled interfaces reach
    /// (`RouterConfig.interfaces(reaching:)`). A session no interface reaches (multihop, or the
    /// interface is not in the file) keeps its configured state.
    func settleSessionsOnDisabledInterfaces() {
        guard config.interfaces.contains(where: \.isDisabled) else { return }
        for k in config.sessions.indices where config.sessions[k].state == .active {
            let interfaces = config.interfaces(reaching: config.sessions[k])
            guard !interfaces.isEmpty, interfaces.allSatisfy(\.isDisabled) else { continue }
            config.sessions[k].state = .interfaceDown
            config.sessions[k].stateReason = interfaces.map { i in
                "its interface \(i.name) is off" + (i.disabledReason.map { " (\($0))" } ?? " (disabled)")
            }.joined(separator: "; ")
        }
    }

    func warn(_ e: XMLElement, _ message: String) {
        diagnostics.append(Diagnostic(.warning, location(e), message))
    }

    /// An element's text through `parse`; text that does not parse is a warning saying what was
    /// expected, and nil.
    func value<T>(_ e: XMLElement?, _ what: String, expected: String, _ parse: (String) -> T?) -> T? {
        guard let e else { return nil }
        let t = e.text
        if let v = parse(t) { return v }
        warn(e, "\(what) '\(t)' is not \(expected); ignored")
        return nil
    }

    func address(_ e: XMLElement?, _ what: String) -> IPAddress? {
        value(e, what, expected: "an IPv4 or IPv6 address") { IPAddress($0) }
    }

    /// `10.0.0.1/30` as written on an interface (host bits kept). Parsed on the element's text
    /// in place: every interface of every router has one.
    func interfaceAddress(_ e: XMLElement?, _ what: String) -> InterfaceAddress? {
        guard let e else { return nil }
        let parsed: InterfaceAddress? = e.withText { t in
            guard let slash = t.firstIndex(of: UInt8(ascii: "/")), slash + 1 < t.count,
                  let a = IPAddress(utf8: UnsafeBufferPointer(rebasing: t[..<slash])) else { return nil }
            var n = 0
            for b in t[(slash + 1)...] {
                guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
                n = n * 10 + Int(b - UInt8(ascii: "0"))
                guard n <= a.bitWidth else { return nil }
            }
            return InterfaceAddress(address: a, prefixLength: n)
        }
        if let parsed { return parsed }
        warn(e, "\(what) '\(e.text)' is not an address with a prefix length (e.g. 172.16.0.1/30); ignored")
        return nil
    }

    func prefix(_ e: XMLElement?, _ what: String) -> IPPrefix? {
        value(e, what, expected: "a prefix such as 198.51.100.0/24") { IPPrefix($0) }
    }

    /// An AS number: plain (`65001`) or asdot (`1.10`).
    func asNumber(_ e: XMLElement?) -> Int? {
        value(e, "AS number", expected: "a number or asdot (1.10)") { RouterBuild.parseASN($0) }
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
    /// What the chains do with routes no policy decides, where the dialect says.
    var importDefault: ChainDefault?
    var exportDefault: ChainDefault?
    var bfd: Bool?
    var authentication: Bool?
    var state: BGPSession.State?
    var stateReason: String?
    var description: String?
    /// OpenConfig `peer-type`: whether the peer is internal (in the router's own AS).
    var isInternalPeer: Bool?

    /// These settings where set, `base` elsewhere. Inactive or shut down anywhere up the chain
    /// stays so.
    func over(_ base: SessionSettings) -> SessionSettings {
        var out = self
        out.peerAS = peerAS ?? base.peerAS
        out.localAS = localAS ?? base.localAS
        out.localAddress = localAddress ?? base.localAddress
        out.importPolicies = importPolicies ?? base.importPolicies
        out.exportPolicies = exportPolicies ?? base.exportPolicies
        out.importDefault = importDefault ?? base.importDefault
        out.exportDefault = exportDefault ?? base.exportDefault
        out.bfd = bfd ?? base.bfd
        out.authentication = authentication ?? base.authentication
        out.isInternalPeer = isInternalPeer ?? base.isInternalPeer
        // The upper level's reason first: a deactivated group says so for all its neighbors.
        for off in [BGPSession.State.inactive, .shutdown] where base.state == off || state == off {
            out.state = off
            out.stateReason = base.state == off ? base.stateReason : stateReason
            break
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
        if let importDefault { s.importDefault = importDefault }
        if let exportDefault { s.exportDefault = exportDefault }
        s.bfd = bfd ?? false
        s.authentication = authentication ?? false
        s.state = state ?? .active
        s.stateReason = stateReason
        return s
    }
}
