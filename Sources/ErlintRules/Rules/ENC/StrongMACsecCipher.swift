import ErlintModel

/// ENC003: MACsec on ExpressRoute Direct links, and in the routers' connectivity associations,
/// uses a 256-bit GCM cipher (GCM-AES-256 or GCM-AES-XPN-256). Microsoft supports the 128-bit
/// suites for compatibility only; XPN is the one to use on 100 Gbps ports.
public struct StrongMACsecCipher: Rule {
    public static let id = "ENC003"
    public static let reads: Set<NodeKind> = [.portLink, .port, .router]
    public init() {}

    static let strong: Set<String> = ["gcmaes256", "gcmaesxpn256", "gcm-aes-256", "gcm-aes-xpn-256"]

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for node in graph.nodes(.portLink) {
            guard let cipher = node.portLink?.macSecCipher else {
                if !audit.unreadable(node, ["macSecConfig.cipher", "macSecConfig"]).isEmpty {
                    audit.checking(node)
                    audit.cannotDecide(node, "whether MACsec uses a strong cipher", without: ["macSecConfig.cipher", "macSecConfig"])
                }
                continue
            }
            audit.checking(node)
            if !Self.strong.contains(cipher.lowercased()) {
                let port = graph.parent(of: node.id)?.name ?? "its port"
                audit.violation(node, "MACsec on \(node.name) of \(port) uses \(cipher), not GcmAes256 or GcmAesXpn256")
            }
        }
        for node in graph.nodes(.router) {
            guard let r = node.router, !r.macsecAssociations.isEmpty else { continue }
            audit.checking(node)
            let weak = r.macsecAssociations.filter { !Self.strong.contains(($0.cipherSuite ?? "").lowercased()) }
            guard !weak.isEmpty else { continue }
            let listed = weak.map { "\($0.name) uses \($0.cipherSuite ?? "the platform default (not set)")" + ($0.interfaces.isEmpty ? "" : " on \($0.interfaces.joined(separator: ", "))") }
            audit.violation(node, "router \(r.name) MACsec: " + listed.joined(separator: "; "),
                            related: weak.map { RelatedLocation("connectivity association \($0.name)", $0.location) })
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("a Direct port link with GcmAes128", breaks: true, files: [
            Fragment.json([Fragment.port(ciphers: ("GcmAes256", "GcmAes128"), circuits: [])]),
        ], mentions: ["MACsec on link2 of erport-ams uses GcmAes128"]),
        RuleExample("a router connectivity association with gcm-aes-128", breaks: true, files: [
            Fragment.junos("edge-1", [], extra: """
                  <security><macsec>
                    <connectivity-association><name>CA1</name><cipher-suite>gcm-aes-128</cipher-suite></connectivity-association>
                    <interfaces><name>et-0/0/0</name><connectivity-association>CA1</connectivity-association></interfaces>
                  </macsec></security>

                """),
        ], mentions: ["CA1 uses gcm-aes-128 on et-0/0/0"]),
        RuleExample("256-bit ciphers on the port and the router", breaks: false, files: [
            Fragment.json([Fragment.port(ciphers: ("GcmAes256", "GcmAesXpn256"), circuits: [])]),
            Fragment.junos("edge-1", [], extra: """
                  <security><macsec>
                    <connectivity-association><name>CA1</name><cipher-suite>gcm-aes-xpn-256</cipher-suite></connectivity-association>
                  </macsec></security>

                """),
        ]),
    ]
}
