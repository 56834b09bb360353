/// A router's interfaces and sessions by the circuit link (/30, /126) their addresses lie in,
/// made once per run: a batch that wants of a CSP's router only what lies on its own links
/// (`EstateGraph(linkedPartsOnly:)`) finds those parts by its links, instead of testing each of
/// the router's thousands of addresses against its links.
public struct RouterLinkParts: Sendable {
    /// Indexes into the router's `interfaces` and `sessions`, ascending, by link.
    var interfaces: [IPPrefix: [Int]] = [:]
    var sessions: [IPPrefix: [Int]] = [:]
    /// The first of the router's `routingInstances` of each name.
    var instances: [String: Int] = [:]

    public init(_ router: RouterConfig) {
        for (n, ri) in router.routingInstances.enumerated() where instances[ri.name] == nil { instances[ri.name] = n }
        for (n, i) in router.interfaces.enumerated() {
            for a in i.addresses {
                let key = Self.linkKey(a.address)
                if interfaces[key]?.last != n { interfaces[key, default: []].append(n) }
            }
        }
        for (n, s) in router.sessions.enumerated() {
            sessions[Self.linkKey(s.neighbor), default: []].append(n)
        }
    }

    /// The /30 (IPv4) or /126 (IPv6) an address lies in: the links Azure's peerings use, and
    /// the key of every index of links (here, and the pre-pass's of exports and routers).
    public static func linkKey(_ a: IPAddress) -> IPPrefix {
        IPPrefix(network: a, length: a.isIPv4 ? 30 : 126)
    }

    /// Whether a link is of the lengths `linkKey` gives.
    public static func isKeyed(_ link: IPPrefix) -> Bool {
        link.length == (link.isIPv4 ? 30 : 126)
    }
}
