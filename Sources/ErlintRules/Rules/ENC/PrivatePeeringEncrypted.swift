import ErlintModel

/// ENC001: where the posture requires encryption, every private peering is covered: by IPsec over
/// ExpressRoute (an IPsec connection with `useLocalAzureIpAddress` on a gateway in a VNet the
/// circuit serves), by MACsec on all links of the ExpressRoute Direct port, or by encryption
/// appliances the manifest declares for the circuit. ExpressRoute itself is a private line, not
/// an encrypted one: the provider's network sees the traffic in clear.
public struct PrivatePeeringEncrypted: Rule {
    public static let id = "ENC001"
    public static let reads: Set<NodeKind> = [.circuit, .peering, .connection, .gateway, .virtualNetwork, .subnet, .port, .portLink]
    public init() {}

    public func check(_ audit: inout RuleAudit) {
        let graph = audit.graph
        // VNets with an IPsec-over-ExpressRoute connection.
        var ipsecVNets: [String: [EstateNode]] = [:]
        for c in graph.nodes(.connection) where c.connection?.isIPsec == true && c.connection?.useLocalAzureIpAddress == true {
            for g in graph.referenced(from: c.id, field: .virtualNetworkGateway1) {
                if let v = graph.virtualNetwork(of: g) { ipsecVNets[v.key, default: []].append(c) }
            }
        }
        for circuitNode in graph.nodes(.circuit) where audit.posture(of: circuitNode).encryption == .required {
            guard let circuit = circuitNode.circuit else { continue }
            for peering in graph.peerings(of: circuitNode) where peering.peering?.kind == .azurePrivatePeering {
                audit.checking(peering)
                let vnets = graph.gateways(of: circuitNode).compactMap { graph.virtualNetwork(of: $0) }
                if vnets.contains(where: { ipsecVNets[$0.key] != nil }) { continue }
                let appliances = graph.customer(of: circuitNode.id)?.encryptionAppliances.filter { $0.circuit == circuitNode.resource?.id } ?? []
                if !appliances.isEmpty { continue }
                // An IPsec connection whose use of the private peering cannot be read may be the cover.
                let unclear = graph.nodes(.connection).first { c in
                    c.connection?.useLocalAzureIpAddress == nil && !audit.unreadable(c, ["useLocalAzureIpAddress", "connectionType"]).isEmpty
                        && graph.referenced(from: c.id, field: .virtualNetworkGateway1).contains { g in vnets.contains { $0.key == graph.virtualNetwork(of: g)?.key } }
                }
                if let unclear, audit.cannotDecide(peering, "whether the private peering is encrypted", without: ["useLocalAzureIpAddress", "connectionType"], of: unclear) {
                    continue
                }
                var why = ["no IPsec connection with useLocalAzureIpAddress in \(vnets.isEmpty ? "any VNet connected to it" : vnets.map(\.name).joined(separator: ", "))",
                           "no encryption appliances declared for it in the manifest"]
                var related: [RelatedLocation] = []
                if let portID = circuit.expressRoutePort {
                    if let port = graph.node(for: portID) {
                        let links = graph.children(of: port.id, .portLink)
                        let clear = links.filter { $0.portLink?.macSecCipher == nil }
                        if !links.isEmpty && clear.isEmpty { continue }
                        if let link = clear.first(where: { !audit.unreadable($0, ["macSecConfig.cipher", "macSecConfig"]).isEmpty }),
                           audit.cannotDecide(peering, "whether the private peering is encrypted", without: ["macSecConfig.cipher", "macSecConfig"], of: link) {
                            continue
                        }
                        why.insert("MACsec off on \(clear.map(\.name).joined(separator: ", ")) of port \(port.name)", at: 0)
                        related += port.related("ExpressRoute Direct port \(port.name)")
                    } else {
                        why.insert("port \(portID.lastName) is not in the exports, so MACsec cannot be checked", at: 0)
                    }
                } else {
                    why.insert("a provider circuit (no MACsec possible)", at: 0)
                }
                audit.violation(peering, "private peering of \(circuitNode.name) is not encrypted: " + why.joined(separator: "; "), related: related)
            }
        }
    }

    public static let examples: [RuleExample] = [
        RuleExample("encryption required, nothing encrypts the private peering", breaks: true, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]), Fragment.vnet(), Fragment.gateway(), Fragment.connection()]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["private peering of er-ams is not encrypted", "no IPsec connection"]),
        RuleExample("a Direct port with MACsec off on one link", breaks: true, files: [
            Fragment.json([Fragment.circuit("er-direct", port: "erport-ams", peerings: [Fragment.privatePeering()]),
                           Fragment.port(ciphers: ("GcmAes256", nil))]),
        ], manifest: Fragment.manifest(posture: "strict"), mentions: ["MACsec off on link2 of port erport-ams"]),
        RuleExample("IPsec over ExpressRoute from the hub", breaks: false, files: [
            Fragment.json([Fragment.circuit(peerings: [Fragment.privatePeering()]), Fragment.vnet(), Fragment.gateway(), Fragment.connection(),
                           Fragment.gateway("vpngw-hub", sku: "VpnGw2AZ", type: "Vpn"), Fragment.ipsecConnection()]),
        ], manifest: Fragment.manifest(posture: "strict")),
        RuleExample("MACsec on both links of the Direct port", breaks: false, files: [
            Fragment.json([Fragment.circuit("er-direct", port: "erport-ams", peerings: [Fragment.privatePeering()]),
                           Fragment.port(ciphers: ("GcmAes256", "GcmAesXpn256"))]),
        ], manifest: Fragment.manifest(posture: "strict")),
    ]
}
