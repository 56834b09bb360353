import ErlintModel

extension ARMExportReader {
    /// Reads the fields DESIGN.md 1.1 lists for each type into its typed detail.
    mutating func readDetail(_ e: JSONElement, _ type: ResourceType?) -> ResourceDetail {
        switch type {
        case .circuit: return .circuit(readCircuit(e))
        case .circuitPeering: return .circuitPeering(readPeering(e))
        case .circuitAuthorization:
            var a = CircuitAuthorization()
            a.authorizationUseStatus = fields.string(e, "authorizationUseStatus")
            a.hasAuthorizationKey = fields.isSet(e, "authorizationKey")
            return .circuitAuthorization(a)
        case .port:
            var p = ExpressRoutePort()
            p.peeringLocation = fields.string(e, "peeringLocation")
            p.bandwidthInGbps = fields.double(e, "bandwidthInGbps")
            p.encapsulation = fields.string(e, "encapsulation")
            p.circuits = fields.references(e, "circuits")
            return .port(p)
        case .portLink:
            var l = PortLink()
            l.routerName = fields.string(e, "routerName")
            l.interfaceName = fields.string(e, "interfaceName")
            l.adminState = fields.string(e, "adminState")
            l.macSecCipher = fields.string(e, "macSecConfig.cipher")
            l.macSecSciState = fields.string(e, "macSecConfig.sciState")
            l.macSecCknSecretIdentifier = fields.string(e, "macSecConfig.cknSecretIdentifier")
            l.macSecCakSecretIdentifier = fields.string(e, "macSecConfig.cakSecretIdentifier")
            return .portLink(l)
        case .gateway: return .gateway(readGateway(e))
        case .connection: return .connection(readConnection(e))
        case .virtualNetwork:
            var v = VirtualNetwork()
            v.addressPrefixes = fields.prefixes(e, "addressSpace.addressPrefixes")
            return .virtualNetwork(v)
        case .subnet:
            fields.findAll(e, Self.subnetFields)
            let f = fields.found
            var s = Subnet()
            if let one = fields.prefix(at: f[0], "addressPrefix") { s.addressPrefixes.append(one) }
            s.addressPrefixes += fields.prefixes(at: f[1], "addressPrefixes")
            s.routeTable = fields.reference(at: f[2], "routeTable")
            s.networkSecurityGroup = fields.reference(at: f[3], "networkSecurityGroup")
            return .subnet(s)
        case .virtualNetworkPeering:
            var p = VirtualNetworkPeering()
            p.remoteVirtualNetwork = fields.reference(e, "remoteVirtualNetwork")
            p.allowGatewayTransit = fields.bool(e, "allowGatewayTransit")
            p.useRemoteGateways = fields.bool(e, "useRemoteGateways")
            p.allowForwardedTraffic = fields.bool(e, "allowForwardedTraffic")
            p.peeringState = fields.string(e, "peeringState")
            return .virtualNetworkPeering(p)
        case .routeTable:
            var t = RouteTable()
            t.disableBgpRoutePropagation = fields.bool(e, "disableBgpRoutePropagation")
            t.subnets = fields.references(e, "subnets")
            return .routeTable(t)
        case .route: return .route(readRoute(e))
        case .networkSecurityGroup:
            var n = NetworkSecurityGroup()
            n.subnets = fields.references(e, "subnets")
            n.networkInterfaces = fields.references(e, "networkInterfaces")
            return .networkSecurityGroup(n)
        case .securityRule, .defaultSecurityRule:
            fields.findAll(e, Self.securityRuleFields)
            let f = fields.found
            var r = SecurityRule()
            r.priority = fields.int(at: f[0], "priority")
            r.direction = fields.word(at: f[1], "direction", among: Self.directions)
            r.access = fields.word(at: f[2], "access", among: Self.accesses)
            r.protocol = fields.word(at: f[3], "protocol", among: Self.protocols)
            fields.strings(singular: f[4], "sourceAddressPrefix", plural: f[5], "sourceAddressPrefixes", into: &r.sources, among: Self.serviceTags)
            fields.strings(singular: f[6], "destinationAddressPrefix", plural: f[7], "destinationAddressPrefixes", into: &r.destinations,
                           among: Self.serviceTags)
            fields.strings(singular: f[8], "sourcePortRange", plural: f[9], "sourcePortRanges", into: &r.sourcePorts, among: Self.anything)
            fields.strings(singular: f[10], "destinationPortRange", plural: f[11], "destinationPortRanges", into: &r.destinationPorts,
                           among: Self.anything)
            r.isDefault = type == .defaultSecurityRule
            return .securityRule(r)
        case .firewall:
            var f = AzureFirewall()
            for c in fields.objects(e, "ipConfigurations") {
                if let a = fields.address(c, "privateIPAddress") { f.privateIPAddresses.append(a) }
                if let s = fields.reference(c, "subnet") { f.subnets.append(s) }
            }
            f.skuTier = fields.string(e, "sku.tier")
            return .firewall(f)
        case .networkInterface:
            var n = NetworkInterface()
            n.enableIPForwarding = fields.bool(e, "enableIPForwarding")
            n.networkSecurityGroup = fields.reference(e, "networkSecurityGroup")
            for c in fields.objects(e, "ipConfigurations") {
                var ip = NetworkInterface.IPConfiguration()
                if let a = fields.hostAddress(c, "privateIPAddress") {
                    ip.privateIPAddress = a.address
                    ip.privateIPPrefixLength = a.length
                }
                ip.subnet = fields.reference(c, "subnet")
                n.ipConfigurations.append(ip)
            }
            return .networkInterface(n)
        case .routeFilter, .routeFilterRule:
            var f = RouteFilter()
            let rules = type == .routeFilterRule ? [e] : fields.objects(e, "rules")
            for r in rules {
                var rule = RouteFilter.Rule(name: fields.member(r, "name").flatMap { fields.literal($0) } ?? "")
                rule.access = fields.string(r, "access")
                rule.communities = fields.strings(r, singular: "community", plural: "communities")
                f.rules.append(rule)
            }
            return .routeFilter(f)
        case .localNetworkGateway:
            var l = LocalNetworkGateway()
            l.addressPrefixes = fields.prefixes(e, "localNetworkAddressSpace.addressPrefixes")
            l.gatewayIpAddress = fields.address(e, "gatewayIpAddress")
            l.bgpASN = fields.int(e, "bgpSettings.asn")
            return .localNetworkGateway(l)
        case nil:
            return .unmodelled
        }
    }

    private mutating func readCircuit(_ e: JSONElement) -> Circuit {
        var c = Circuit()
        // `sku` sits at the top level of a circuit, beside `properties`.
        c.skuTier = fields.string(e, "sku.tier")
        c.skuFamily = fields.string(e, "sku.family")
        c.serviceProviderName = fields.string(e, "serviceProviderProperties.serviceProviderName")
        c.peeringLocation = fields.string(e, "serviceProviderProperties.peeringLocation")
        c.bandwidthInMbps = fields.int(e, "serviceProviderProperties.bandwidthInMbps")
        c.expressRoutePort = fields.reference(e, "expressRoutePort")
        c.bandwidthInGbps = fields.double(e, "bandwidthInGbps")
        c.serviceProviderProvisioningState = fields.string(e, "serviceProviderProvisioningState")
        c.circuitProvisioningState = fields.string(e, "circuitProvisioningState")
        c.globalReachEnabled = fields.bool(e, "globalReachEnabled")
        c.sTag = fields.int(e, "stag")
        c.azureRegion = fields.string(e, "location")
        return c
    }

    private mutating func readMicrosoftConfig(_ e: JSONElement, _ path: String) -> CircuitPeering.MicrosoftPeeringConfig? {
        guard fields.path(e, path) != nil else { return nil }
        var m = CircuitPeering.MicrosoftPeeringConfig()
        m.advertisedPublicPrefixes = fields.prefixes(e, path + ".advertisedPublicPrefixes")
        m.advertisedPublicPrefixesState = fields.string(e, path + ".advertisedPublicPrefixesState")
        m.customerASN = fields.int(e, path + ".customerASN")
        m.routingRegistryName = fields.string(e, path + ".routingRegistryName")
        return m
    }

    private mutating func readPeering(_ e: JSONElement) -> CircuitPeering {
        var p = CircuitPeering()
        p.peeringTypeText = fields.string(e, "peeringType")
        p.kind = p.peeringTypeText.flatMap(CircuitPeering.Kind.init(anyCase:))
        if let text = p.peeringTypeText, p.kind == nil, let el = fields.path(e, "peeringType") {
            fields.diagnostics.append(Diagnostic(.warning, fields.location(el),
                "unknown peeringType \"\(text)\": expected AzurePrivatePeering, MicrosoftPeering or AzurePublicPeering"))
        }
        p.state = fields.string(e, "state")
        p.peerASN = fields.int(e, "peerASN")
        p.azureASN = fields.int(e, "azureASN")
        p.primaryPeerAddressPrefix = fields.prefix(e, "primaryPeerAddressPrefix")
        p.secondaryPeerAddressPrefix = fields.prefix(e, "secondaryPeerAddressPrefix")
        p.vlanId = fields.int(e, "vlanId")
        p.hasSharedKey = fields.isSet(e, "sharedKey")
        p.microsoftPeeringConfig = readMicrosoftConfig(e, "microsoftPeeringConfig")
        p.routeFilter = fields.reference(e, "routeFilter")
        if fields.path(e, "ipv6PeeringConfig") != nil {
            var v6 = CircuitPeering.IPv6Config()
            v6.primaryPeerAddressPrefix = fields.prefix(e, "ipv6PeeringConfig.primaryPeerAddressPrefix")
            v6.secondaryPeerAddressPrefix = fields.prefix(e, "ipv6PeeringConfig.secondaryPeerAddressPrefix")
            v6.microsoftPeeringConfig = readMicrosoftConfig(e, "ipv6PeeringConfig.microsoftPeeringConfig")
            v6.routeFilter = fields.reference(e, "ipv6PeeringConfig.routeFilter")
            v6.state = fields.string(e, "ipv6PeeringConfig.state")
            p.ipv6 = v6
        }
        return p
    }

    private mutating func readGateway(_ e: JSONElement) -> VirtualNetworkGateway {
        var g = VirtualNetworkGateway()
        g.gatewayType = fields.string(e, "gatewayType")
        g.vpnType = fields.string(e, "vpnType")
        g.skuName = fields.string(e, "sku.name")
        g.skuTier = fields.string(e, "sku.tier")
        for c in fields.objects(e, "ipConfigurations") {
            if let s = fields.reference(c, "subnet") { g.subnets.append(s) }
        }
        g.activeActive = fields.bool(e, "activeActive")
        g.enableBgp = fields.bool(e, "enableBgp")
        g.bgpASN = fields.int(e, "bgpSettings.asn")
        g.bgpPeeringAddress = fields.string(e, "bgpSettings.bgpPeeringAddress")
        return g
    }

    private mutating func readConnection(_ e: JSONElement) -> Connection {
        var c = Connection()
        c.connectionType = fields.string(e, "connectionType")
        c.virtualNetworkGateway1 = fields.reference(e, "virtualNetworkGateway1")
        c.virtualNetworkGateway2 = fields.reference(e, "virtualNetworkGateway2")
        c.peer = fields.reference(e, "peer")
        c.localNetworkGateway2 = fields.reference(e, "localNetworkGateway2")
        c.useLocalAzureIpAddress = fields.bool(e, "useLocalAzureIpAddress")
        c.connectionProtocol = fields.string(e, "connectionProtocol")
        c.enableBgp = fields.bool(e, "enableBgp")
        c.routingWeight = fields.int(e, "routingWeight")
        c.hasAuthorizationKey = fields.isSet(e, "authorizationKey")
        for p in fields.objects(e, "ipsecPolicies") {
            var policy = Connection.IPsecPolicy()
            policy.ikeEncryption = fields.string(p, "ikeEncryption")
            policy.ikeIntegrity = fields.string(p, "ikeIntegrity")
            policy.dhGroup = fields.string(p, "dhGroup")
            policy.ipsecEncryption = fields.string(p, "ipsecEncryption")
            policy.ipsecIntegrity = fields.string(p, "ipsecIntegrity")
            policy.pfsGroup = fields.string(p, "pfsGroup")
            policy.saLifeTimeSeconds = fields.int(p, "saLifeTimeSeconds")
            policy.saDataSizeKilobytes = fields.int(p, "saDataSizeKilobytes")
            c.ipsecPolicies.append(policy)
        }
        return c
    }

    private mutating func readRoute(_ e: JSONElement) -> Route {
        fields.findAll(e, Self.routeFields)
        let f = fields.found
        var r = Route()
        if let el = f[0] {
            if !fields.isString(el) {
                fields.wrongType(at: el, "addressPrefix", "an IP prefix string")
            } else if let t = fields.text(at: el, "addressPrefix") {
                r.addressPrefixText = t
                r.addressPrefix = IPPrefix(t)
                // A service tag (AzureCloud, Internet…) is legal; anything else that is not a prefix is not.
                if r.addressPrefix == nil, t.contains(".") || t.contains(":") || t.contains("/") {
                    fields.unreadable(at: el, "addressPrefix", "expected an IP prefix or a service tag for 'addressPrefix', found \"\(t)\"", value: t)
                }
            }
        }
        r.nextHopType = fields.word(at: f[1], "nextHopType", among: Self.nextHopTypes)
        r.nextHopIpAddress = fields.address(at: f[2], "nextHopIpAddress")
        return r
    }

    /// Azure's next hop types, as it spells them (`FieldReader.word`).
    static let nextHopTypes = Vocabulary(["VirtualAppliance", "VirtualNetworkGateway", "VnetLocal", "Internet", "None"])
    /// The words of NSG rules, as Azure spells them: most of every rule's values.
    static let directions = Vocabulary(["Inbound", "Outbound"])
    static let accesses = Vocabulary(["Allow", "Deny"])
    static let protocols = Vocabulary(["Tcp", "Udp", "*", "Icmp", "Esp", "Ah"])
    static let serviceTags = Vocabulary(["*", "VirtualNetwork", "Internet", "AzureLoadBalancer"])
    static let anything = Vocabulary(["*"])

    // The fields of the types that make up most of an estate, found in one pass each (`findAll`).
    private static let securityRuleFields = FieldNames([
        "priority", "direction", "access", "protocol", "sourceAddressPrefix", "sourceAddressPrefixes",
        "destinationAddressPrefix", "destinationAddressPrefixes", "sourcePortRange", "sourcePortRanges",
        "destinationPortRange", "destinationPortRanges",
    ])
    private static let routeFields = FieldNames(["addressPrefix", "nextHopType", "nextHopIpAddress"])
    private static let subnetFields = FieldNames(["addressPrefix", "addressPrefixes", "routeTable", "networkSecurityGroup"])
}
