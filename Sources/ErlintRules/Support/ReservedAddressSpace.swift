import ErlintModel

/// Address space that is not routable on the internet (IANA special-purpose registries, RFC 6890
/// and its updates). Microsoft peering accepts only public prefixes, so any of these on a
/// Microsoft peering is a mistake, whatever the manifest claims.
enum ReservedAddressSpace {
    static let blocks: [(prefix: IPPrefix, name: String)] = [
        ("0.0.0.0/8", "'this network' (RFC 791)"), ("10.0.0.0/8", "private space (RFC 1918)"),
        ("100.64.0.0/10", "shared CGN space (RFC 6598)"), ("127.0.0.0/8", "loopback (RFC 1122)"),
        ("169.254.0.0/16", "link-local (RFC 3927)"), ("172.16.0.0/12", "private space (RFC 1918)"),
        ("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"), ("192.0.2.0/24", "documentation (RFC 5737)"),
        ("192.88.99.0/24", "6to4 relay anycast (RFC 7526)"), ("192.168.0.0/16", "private space (RFC 1918)"),
        ("198.18.0.0/15", "benchmarking (RFC 2544)"), ("198.51.100.0/24", "documentation (RFC 5737)"),
        ("203.0.113.0/24", "documentation (RFC 5737)"), ("224.0.0.0/4", "multicast (RFC 5771)"),
        ("240.0.0.0/4", "reserved (RFC 1112)"),
        ("::/128", "unspecified (RFC 4291)"), ("::1/128", "loopback (RFC 4291)"),
        ("::ffff:0:0/96", "IPv4-mapped (RFC 4291)"), ("64:ff9b::/96", "NAT64 (RFC 6052)"),
        ("100::/64", "discard-only (RFC 6666)"), ("2001::/23", "IETF protocol assignments (RFC 2928)"),
        ("2001:db8::/32", "documentation (RFC 3849)"), ("fc00::/7", "unique local (RFC 4193)"),
        ("fe80::/10", "link-local (RFC 4291)"), ("ff00::/8", "multicast (RFC 4291)"),
    ].map { (IPPrefix($0.0)!, $0.1) }

    /// What reserved space the prefix overlaps, or nil when it is public.
    static func name(of prefix: IPPrefix) -> String? {
        blocks.first { $0.prefix.overlaps(prefix) }.map { "\($0.name) in \($0.prefix)" }
    }
}

/// A Microsoft peering's prefixes, as MSP rules walk them.
struct MicrosoftPeeringPrefixes {
    /// The peer /30s (and /126s).
    var links: [IPPrefix] = []
    /// advertisedPublicPrefixes, IPv4 and IPv6.
    var advertised: [IPPrefix] = []

    init?(_ node: EstateNode) {
        guard let p = node.peering, p.kind == .microsoftPeering else { return nil }
        links = [p.primaryPeerAddressPrefix, p.secondaryPeerAddressPrefix, p.ipv6?.primaryPeerAddressPrefix,
                 p.ipv6?.secondaryPeerAddressPrefix].compactMap { $0 }
        advertised = (p.microsoftPeeringConfig?.advertisedPublicPrefixes ?? []) + (p.ipv6?.microsoftPeeringConfig?.advertisedPublicPrefixes ?? [])
    }
}
