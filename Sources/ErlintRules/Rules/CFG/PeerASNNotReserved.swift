import ErlintModel

/// CFG002: the peer ASN of a peering (and a Microsoft peering's customer ASN) is not one Azure
/// reserves for itself (8074, 8075, 12076; 65515–65520 are used inside Azure). A session with one
/// of those is refused or, worse, loops routes.
public struct PeerASNNotReserved: Rule {
    public static let id = "CFG002"
    public static let reads: Set<NodeKind> = [.peering]
    public static let parameters: [(name: String, kind: RuleParameter.Kind)] = [("reservedASNs", .integers)]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let reserved = Set(audit.integers("reservedASNs"))
        for node in audit.graph.nodes(.peering) {
            guard let p = node.peering else { continue }
            audit.checking(node)
            if p.peerASN == nil, audit.cannotDecide(node, "whether the peer ASN is reserved by Azure", without: ["peerASN"]) { continue }
            var bad: [String] = []
            if let asn = p.peerASN, reserved.contains(asn) { bad.append("peerASN \(asn)") }
            if let asn = p.microsoftPeeringConfig?.customerASN, reserved.contains(asn), asn != p.peerASN { bad.append("customerASN \(asn)") }
            if !bad.isEmpty {
                audit.violation(node, "\(bad.joined(separator: " and ")) is reserved by Azure (\(reserved.sorted().map(String.init).joined(separator: ", ")))")
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("peer ASN 65515", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering(asn: 65515)])]),
        ], mentions: ["peerASN 65515 is reserved by Azure"]),
        RuleExample("peer ASN 64510", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering(asn: 64510)])]),
        ]),
    ]
}
