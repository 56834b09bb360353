import ErlintModel

/// Every built-in rule, in id order. Adding a rule: one Swift file under `Rules/<family>/`, its
/// type here, and its entry in `rules/<family>/<ID>.yaml`.
public enum BuiltInRules {
    public static let all: [any Rule.Type] = [
        LinksOnDistinctRouters.self, BothLinksConfigured.self, BFDTowardsMicrosoft.self, ZoneRedundantGateway.self,
        TwoCircuitsTwoLocations.self,
        SeparateCircuitsPerDomain.self, NoPublicPeering.self, CircuitServesOneCustomer.self, OneCustomerPerRoutingInstance.self,
        PublicAddressesOnly.self, OwnedPrefixesOnly.self, AdvertisedPrefixesValidated.self, RouteFilterAttached.self,
        RouterExportsAdvertisedOnly.self,
        FirewallInspectsEgress.self, ApplianceNextHopExists.self, GatewaySubnetRouting.self,
        PrivatePeeringEncrypted.self, StrongIPsecPolicy.self, StrongMACsecCipher.self,
        OfferedBandwidth.self, PeerASNNotReserved.self, PeerPrefixesDoNotOverlap.self, UniqueVLANPerCircuit.self,
        CircuitProvisioned.self, ForcedTunnelingAsPosture.self,
    ]
}
