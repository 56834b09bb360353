import ErlintModel

extension EstateGraph {
    /// Why a router's session on a circuit link cannot come up, read against the Azure peering
    /// (Microsoft Learn, "ExpressRoute routing requirements" and "Configure peering"): Microsoft's
    /// end is AS 12076 (the peering's `azureASN`) at the second address of the /30 or /126; the
    /// router's end is the first address, in the peering's `peerASN`, on the peering's `vlanId`
    /// (on a QinQ Direct port inside the circuit's S-tag), with an MD5 key exactly when the
    /// peering has one. Empty when nothing the configs show disagrees.
    func mismatches(of sessionNode: EstateNode, on linkNode: EstateNode) -> [String] {
        guard let s = sessionNode.session, let router = routerConfig(of: sessionNode), let link = linkNode.link,
              let peeringNode = node(for: link.peering), let peering = peeringNode.peering else { return [] }
        var out: [String] = []
        let microsoft = peering.azureASN ?? 12076
        if let peerAS = s.peerAS, peerAS != microsoft {
            out.append("its peer AS is \(peerAS), not Microsoft's \(microsoft)")
        }
        if let local = s.localAS ?? router.localAS, let expected = peering.peerASN, local != expected {
            out.append("its local AS is \(local), but the peering's peerASN is \(expected)")
        }
        if s.neighbor != link.microsoftAddress {
            out.append("its neighbor \(s.neighbor) is not Microsoft's address in \(link.prefix), \(link.microsoftAddress)")
        }
        let sTag = node(for: link.circuit)?.circuit?.sTag
        for i in router.interfaces(reaching: s) {
            for a in i.addresses where link.prefix.contains(a.address) && a.address != link.routerAddress {
                out.append("its interface \(i.name) has \(a.address), not the router's address in \(link.prefix), \(link.routerAddress)")
            }
            if let vlan = i.vlanID, let expected = peering.vlanId, vlan != expected {
                out.append("its interface \(i.name) is on VLAN \(vlan), but the peering's vlanId is \(expected)")
            }
            if let outer = i.outerVLAN, let sTag, outer != sTag {
                out.append("its interface \(i.name) has outer tag \(outer), but the circuit's S-tag is \(sTag)")
            }
        }
        if peering.hasSharedKey && !s.authentication {
            out.append("the peering has an MD5 key (sharedKey) and the session none")
        } else if !peering.hasSharedKey && s.authentication {
            out.append("the session has an MD5 key and the peering none (no sharedKey)")
        }
        return out
    }
}
