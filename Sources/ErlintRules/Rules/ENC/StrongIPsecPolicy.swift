import ErlintModel

/// ENC002: IPsec and IKE settings, on Azure connections and in router configs, use no DES, 3DES,
/// MD5 or SHA1, Diffie-Hellman group 14 or stronger, PFS, and IKEv2. Checked whatever the
/// posture: a tunnel that is there is meant to protect something, and these algorithms no longer
/// do. An Azure IPsec connection without a custom policy negotiates Azure's default proposals,
/// which include SHA1 and DH group 2, so it is reported too (as a warning).
public struct StrongIPsecPolicy: Rule {
    public static let id = "ENC002"
    public static let reads: Set<NodeKind> = [.connection, .router]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        for node in graph.nodes(.connection) {
            guard let c = node.connection, c.isIPsec else { continue }
            audit.checking(node)
            var weak = [CryptoStrength.ikeVersion(c.connectionProtocol)].compactMap { $0 }
            for p in c.ipsecPolicies {
                weak += [CryptoStrength.encryption(p.ikeEncryption), CryptoStrength.integrity(p.ikeIntegrity),
                         CryptoStrength.dhGroup(p.dhGroup), CryptoStrength.encryption(p.ipsecEncryption),
                         CryptoStrength.integrity(p.ipsecIntegrity), CryptoStrength.pfs(p.pfsGroup)].compactMap { $0 }
            }
            if !weak.isEmpty {
                audit.violation(node, "IPsec connection \(node.name) allows " + unique(weak).joined(separator: ", "))
            } else if c.ipsecPolicies.isEmpty, audit.cannotDecide(node, "which IPsec proposals the connection accepts", without: ["ipsecPolicies"]) {
                continue
            } else if c.ipsecPolicies.isEmpty {
                audit.violation(node, "IPsec connection \(node.name) has no custom IPsec policy, so it accepts Azure's default proposals (which include SHA1 and DH group 2)",
                                severity: .warning)
            }
        }
        for node in graph.nodes(.router) {
            guard let r = node.router else { continue }
            if !r.unreadCrypto.isEmpty {
                audit.checking(node)
                audit.inconclusive(node, "cannot check the IKE, IPsec and MACsec settings of router \(r.name): it holds \(r.unreadCrypto.joined(separator: ", ")), which erlint does not read",
                                   related: [RelatedLocation("router config", r.location)])
            }
            guard !(r.ikeProposals.isEmpty && r.ipsecProposals.isEmpty && r.ipsecPolicies.isEmpty && r.ikeGateways.isEmpty && r.ikePolicies.isEmpty) else { continue }
            audit.checking(node)
            var weak: [String] = []
            var related: [RelatedLocation] = []
            func add(_ what: String, _ location: SourceLocation, _ issues: [String?]) {
                let found = issues.compactMap { $0 }
                guard !found.isEmpty else { return }
                weak.append("\(what): \(found.joined(separator: ", "))")
                related.append(RelatedLocation(what, location))
            }
            for p in r.ikeProposals {
                add("IKE proposal \(p.name)", p.location, [CryptoStrength.encryption(p.encryption), CryptoStrength.integrity(p.integrity), CryptoStrength.dhGroup(p.dhGroup)])
            }
            for g in r.ikeGateways {
                // Junos negotiates IKEv1 unless told otherwise.
                let version = g.version ?? (r.dialects.contains(.junos) ? "v1-only (the Junos default)" : nil)
                add("IKE gateway \(g.name)", g.location, [CryptoStrength.ikeVersion(version)])
            }
            for p in r.ipsecProposals {
                // AH authenticates and protects integrity, and encrypts nothing (RFC 4302).
                let ah = p.protocolName?.lowercased() == "ah" ? "protocol ah, which authenticates but does not encrypt" : nil
                add("IPsec proposal \(p.name)", p.location, [ah, CryptoStrength.encryption(p.encryption), CryptoStrength.integrity(p.integrity)])
            }
            for p in r.ipsecPolicies {
                add("IPsec policy \(p.name)", p.location, [CryptoStrength.pfs(p.pfsGroup)])
            }
            if !weak.isEmpty {
                audit.violation(node, "router \(r.name) allows weak IPsec: " + weak.joined(separator: "; "), related: related)
                continue
            }
            // What the router uses but erlint cannot judge: a vendor's predefined proposal set,
            // whose algorithms the reference material at hand does not list, and crypto models
            // erlint does not read.
            var unknown = r.ikePolicies.compactMap { p in p.proposalSet.map { "IKE policy \(p.name) uses the predefined proposal-set \($0)" } }
            unknown += r.ipsecPolicies.compactMap { p in p.proposalSet.map { "IPsec policy \(p.name) uses the predefined proposal-set \($0)" } }
            if !unknown.isEmpty {
                audit.inconclusive(node, "cannot tell whether router \(r.name) allows weak IPsec: " + unknown.joined(separator: "; ")
                                   + ", whose algorithms erlint does not know; list the proposals explicitly to have them checked",
                                   related: r.ikePolicies.filter { $0.proposalSet != nil }.map { RelatedLocation("IKE policy \($0.name)", $0.location) }
                                       + r.ipsecPolicies.filter { $0.proposalSet != nil }.map { RelatedLocation("IPsec policy \($0.name)", $0.location) })
            }
        }
    }

    func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }

    public static let examples: [RuleExample] = [
        RuleExample("an Azure IPsec connection with 3DES, SHA1, DH group 2 and IKEv1", breaks: true, files: [
            Fragment.json([Fragment.ipsecConnection(protocolName: "IKEv1", policy: ("DES3", "SHA1", "DHGroup2", "AES256", "SHA1", "None"))]),
        ], mentions: ["IKE version IKEv1", "encryption DES3", "integrity SHA1", "DH group DHGroup2", "PFS off"]),
        RuleExample("a Junos IPsec proposal with protocol ah: integrity, no confidentiality", breaks: true, files: [
            Fragment.junos("edge-1", [], extra: """
                  <security><ipsec>
                    <proposal><name>AH-ONLY</name><protocol>ah</protocol><authentication-algorithm>hmac-sha-256-128</authentication-algorithm></proposal>
                    <policy><name>IP1</name><perfect-forward-secrecy><keys>group20</keys></perfect-forward-secrecy><proposals>AH-ONLY</proposals></policy>
                  </ipsec></security>

                """),
        ], mentions: ["IPsec proposal AH-ONLY: protocol ah, which authenticates but does not encrypt"]),
        RuleExample("a Junos router proposing 3DES with SHA1", breaks: true, files: [
            Fragment.junos("edge-1", [], extra: """
                  <security><ike>
                    <proposal><name>P1</name><dh-group>group2</dh-group><authentication-algorithm>sha1</authentication-algorithm><encryption-algorithm>3des-cbc</encryption-algorithm></proposal>
                    <gateway><name>GW1</name><address>10.1.0.4</address><version>v2-only</version></gateway>
                  </ike></security>

                """),
        ], mentions: ["IKE proposal P1: encryption 3des-cbc"]),
        RuleExample("AES-GCM, SHA384, DH group 24, PFS 24, IKEv2", breaks: false, files: [
            Fragment.json([Fragment.ipsecConnection()]),
            Fragment.junos("edge-1", [], extra: """
                  <security><ike>
                    <proposal><name>P1</name><dh-group>group20</dh-group><authentication-algorithm>sha-384</authentication-algorithm><encryption-algorithm>aes-256-gcm</encryption-algorithm></proposal>
                    <gateway><name>GW1</name><address>10.1.0.4</address><version>v2-only</version></gateway>
                  </ike>
                  <ipsec><policy><name>IP1</name><perfect-forward-secrecy><keys>group20</keys></perfect-forward-secrecy></policy></ipsec></security>

                """),
        ]),
    ]
}
