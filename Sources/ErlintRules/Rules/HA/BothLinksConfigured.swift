import ErlintModel

/// HA002: a peering has both its primary and its secondary /30 (and both /126s when IPv6 is
/// configured). Azure requires both for a private or Microsoft peering; a template or an old
/// export with one missing describes a peering that is half built.
public struct BothLinksConfigured: Rule {
    public static let id = "HA002"
    public static let reads: Set<NodeKind> = [.peering]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        for node in audit.graph.nodes(.peering) {
            guard let p = node.peering else { continue }
            audit.checking(node)
            var missing: [String] = []
            if p.primaryPeerAddressPrefix == nil { missing.append("primaryPeerAddressPrefix") }
            if p.secondaryPeerAddressPrefix == nil { missing.append("secondaryPeerAddressPrefix") }
            if let v6 = p.ipv6, v6.primaryPeerAddressPrefix != nil || v6.secondaryPeerAddressPrefix != nil {
                if v6.primaryPeerAddressPrefix == nil { missing.append("ipv6PeeringConfig.primaryPeerAddressPrefix") }
                if v6.secondaryPeerAddressPrefix == nil { missing.append("ipv6PeeringConfig.secondaryPeerAddressPrefix") }
            }
            // A field erlint could not read is not missing, only unknown.
            let unknown = missing.filter { !audit.unreadable(node, [$0]).isEmpty }
            if !unknown.isEmpty {
                audit.cannotDecide(node, "whether both links are configured", without: unknown)
                missing.removeAll { unknown.contains($0) }
            }
            guard !missing.isEmpty else { continue }
            let present = [p.primaryPeerAddressPrefix, p.secondaryPeerAddressPrefix].compactMap { $0?.description }
            audit.violation(node, "\(p.kind?.rawValue ?? "peering") has no \(missing.joined(separator: " and "))"
                + (present.isEmpty ? "" : " (configured: \(present.joined(separator: ", ")))") + ": only one link can carry BGP")
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("private peering with no secondary /30", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering("172.16.0.0/30", nil)])]),
        ], mentions: ["no secondaryPeerAddressPrefix", "172.16.0.0/30"]),
        RuleExample("both /30s configured", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()])]),
        ]),
    ]
}
