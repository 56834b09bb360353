import Dispatch
import Foundation
import ErlintModel

/// Writes a synthetic CSP estate of N customers for benchmarks and scale tests: per customer the
/// variety of samples/ (two circuits in two peering locations, Microsoft peering on a circuit of
/// its own for some, an ExpressRoute gateway, hub-and-spoke VNets with 20+ subnets each, route
/// tables of 50+ routes, NSGs, an Azure Firewall, NVA NICs, IPsec over ExpressRoute), two routers
/// in one of the three XML dialects, a manifest, and a controlled share of planted faults from
/// every rule family. The same seed gives the same bytes; customers are written concurrently, each
/// from its own generator seeded by (seed, customer), so scheduling changes nothing.
public struct EstateGenerator: Sendable {
    public struct Options: Sendable {
        public var customers: Int
        public var seed: UInt64
        /// The share of customers that get one planted fault.
        public var faultRate: Double
        public init(customers: Int, seed: UInt64 = 1, faultRate: Double = 0.1) {
            self.customers = customers
            self.seed = seed
            self.faultRate = faultRate
        }
    }

    /// What was written.
    public struct Summary: Sendable {
        public var files = 0
        public var jsonBytes = 0
        public var xmlBytes = 0
        /// Planted faults by kind (the rule that must find them).
        public var faults: [String: Int] = [:]
    }

    /// One kind of planted fault and the rule that finds it.
    enum Fault: String, CaseIterable, Sendable {
        case secondarySessionMissing = "HA001"
        case gatewayNotZoneRedundant = "HA004"
        case publicPeering = "SEG002"
        case privateAdvertisedPrefix = "MSP001"
        case spokeWithoutRouteTable = "UDR001"
        case blackHoleNextHop = "UDR002"
        case weakIPsec = "ENC002"
        case oddBandwidth = "CFG001"
        case reservedASN = "CFG002"
    }

    public let options: Options
    public init(_ options: Options) { self.options = options }

    public func write(to dir: String) throws -> Summary {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/customers", withIntermediateDirectories: true)
        let slots = ResultSlots<Result<Summary, any Error>>(count: options.customers)
        DispatchQueue.concurrentPerform(iterations: options.customers) { i in
            slots.set(i, Result { try writeCustomer(i, under: dir) })
        }
        let results = try slots.values.map { try $0.get() }
        var total = Summary()
        for s in results {
            total.files += s.files
            total.jsonBytes += s.jsonBytes
            total.xmlBytes += s.xmlBytes
            total.faults.merge(s.faults, uniquingKeysWith: +)
        }
        let manifest = manifestText()
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: dir + "/manifest.yaml"))
        total.files += 1
        return total
    }

    // MARK: Customers

    /// Everything that follows from a customer's number: names, subscription, address plan.
    struct Customer {
        let index: Int
        var id: String { String(format: "cust-%05d", index) }
        var subscription: String { String(format: "5eed0000-0000-4000-8000-%012d", index) }
        var group: String { "rg-\(id)-network" }
        /// Posture: a third strict, a third baseline, a third baseline with encryption required.
        var posture: Int { index % 3 }
        var dialect: Int { index % 4 == 3 ? 2 : index % 2 }   // 0 junos, 1 openconfig, 2 iosxr
        var asn: Int { 64512 + index % 1000 }
        /// Private peering /30s: unique per customer inside 172.16.0.0/12 (4 per customer).
        func link(_ n: Int) -> (prefix: String, router: String, msee: String) {
            let base = 0xAC10_0000 + index * 32 + n * 4
            func ip(_ v: Int) -> String { "\(v >> 24 & 255).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)" }
            return (ip(base) + "/30", ip(base + 1), ip(base + 2))
        }
        /// Microsoft peering /30s and the customer's owned public /24, from public space the
        /// manifest gives to the CSP (100.128.0.0/10) and to the customer (44.0.0.0/8).
        func msLink(_ n: Int) -> (prefix: String, router: String, msee: String) {
            let base = 0x6480_0000 + index * 8 + n * 4
            func ip(_ v: Int) -> String { "\(v >> 24 & 255).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)" }
            return (ip(base) + "/30", ip(base + 1), ip(base + 2))
        }
        var ownedPrefix: String { "44.\(index >> 8 & 255).\(index & 255).0/24" }
        /// On-premises space: unique per customer (customers reuse VNet space, as real ones do).
        var onPremises: String { "10.\(128 + index >> 8 & 127).\(index & 255).0/24" }
    }

    func id(_ c: Customer, _ type: String, _ name: String) -> String {
        "/subscriptions/\(c.subscription)/resourceGroups/\(c.group)/providers/Microsoft.Network/\(type)/\(name)"
    }

    /// Each customer's own generator, so customers can be written in any order or in parallel.
    func generator(for customer: Int) -> SplitMix64 { SplitMix64(seed: options.seed &* 0x100_0000_01B3 &+ UInt64(customer)) }

    /// A fault the customer's posture makes visible: missing firewall routes matter only where
    /// inspection is required (strict), a weak IPsec policy only where there is a tunnel.
    static func fault(_ rng: inout SplitMix64, _ rate: Double, _ c: Customer) -> Fault? {
        let kinds = Fault.allCases.filter { f in
            switch f {
            case .spokeWithoutRouteTable: c.posture == 0
            case .weakIPsec: c.posture != 1
            default: true
            }
        }
        return rng.chance(rate) ? rng.pick(kinds) : nil
    }

    /// The customer id and the rule that must find the fault planted in it, if any (for tests and
    /// the benchmark's check that findings are real).
    public func plantedFault(customer i: Int) -> (customer: String, rule: String)? {
        var rng = generator(for: i)
        return Self.fault(&rng, options.faultRate, Customer(index: i)).map { (Customer(index: i).id, $0.rawValue) }
    }

    func writeCustomer(_ i: Int, under dir: String) throws -> Summary {
        var rng = generator(for: i)
        let c = Customer(index: i)
        let fault = Self.fault(&rng, options.faultRate, c)
        let folder = dir + "/customers/" + c.id
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let json = network(c, fault, &rng)
        try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/network.json"))
        var summary = Summary(files: 1, jsonBytes: json.utf8.count)
        for side in 0..<2 {
            let xml = router(c, side: side, fault: fault, &rng)
            try Data(xml.utf8).write(to: URL(fileURLWithPath: folder + "/\(c.id)-edge-\(side + 1).xml"))
            summary.files += 1
            summary.xmlBytes += xml.utf8.count
        }
        if let fault { summary.faults[fault.rawValue] = 1 }
        return summary
    }

    // MARK: ARM JSON (REST list shape, `{"value": [...]}`)

    func network(_ c: Customer, _ fault: Fault?, _ rng: inout SplitMix64) -> String {
        var r: [String] = []
        let strict = c.posture == 0
        let locations = [("Amsterdam", "westeurope"), ("London", "uksouth")]
        // Two circuits in two peering locations; strict customers get Premium and a separate
        // Microsoft peering circuit, the others Microsoft peering on the first circuit.
        for n in 0..<2 {
            let name = "er-\(c.id)-\(n + 1)"
            var peerings = [peering(c, circuit: name, kind: "AzurePrivatePeering", links: (c.link(n * 2), c.link(n * 2 + 1)),
                                    vlan: 100 + n, asn: fault == .reservedASN && n == 0 ? 65515 : c.asn)]
            if n == 0 && !strict { peerings.append(microsoftPeering(c, circuit: name, fault)) }
            if n == 0 && fault == .publicPeering {
                peerings.append(peering(c, circuit: name, kind: "AzurePublicPeering", links: (c.msLink(1), c.msLink(1)), vlan: 300, asn: c.asn))
            }
            let bandwidth = fault == .oddBandwidth && n == 0 ? 300 : rng.pick([1000, 2000, 10000])
            r.append("""
                {"id": "\(id(c, "expressRouteCircuits", name))", "name": "\(name)", "type": "Microsoft.Network/expressRouteCircuits",
                 "location": "\(locations[n].1)", "etag": "W/\\"\(hex(&rng))\\"",
                 "sku": {"name": "\(strict ? "Premium" : "Standard")_MeteredData", "tier": "\(strict ? "Premium" : "Standard")", "family": "MeteredData"},
                 "properties": {"provisioningState": "Succeeded", "circuitProvisioningState": "Enabled", "serviceProviderProvisioningState": "Provisioned",
                  "serviceKey": "\(uuid(&rng))", "allowClassicOperations": false, "globalReachEnabled": false,
                  "serviceProviderProperties": {"serviceProviderName": "Equinix", "peeringLocation": "\(locations[n].0)", "bandwidthInMbps": \(bandwidth)},
                  "authorizations": [], "peerings": [\(peerings.joined(separator: ",\n"))]}}
                """)
        }
        if strict {
            let name = "er-\(c.id)-msft"
            r.append("""
                {"id": "\(id(c, "expressRouteCircuits", name))", "name": "\(name)", "type": "Microsoft.Network/expressRouteCircuits", "location": "westeurope",
                 "sku": {"name": "Premium_MeteredData", "tier": "Premium", "family": "MeteredData"},
                 "properties": {"circuitProvisioningState": "Enabled", "serviceProviderProvisioningState": "Provisioned",
                  "serviceProviderProperties": {"serviceProviderName": "Equinix", "peeringLocation": "Amsterdam", "bandwidthInMbps": 500},
                  "peerings": [\(microsoftPeering(c, circuit: name, fault))]}}
                """)
        }
        r.append("""
            {"id": "\(id(c, "routeFilters", "rf-msft"))", "name": "rf-msft", "type": "Microsoft.Network/routeFilters", "location": "westeurope",
             "properties": {"rules": [{"name": "exchange", "properties": {"access": "Allow", "routeFilterRuleType": "Community", "communities": ["12076:5010", "12076:5020"]}}]}}
            """)
        // The hub: gateway, firewall, NVA; four spokes with gateway transit.
        let hub = "vnet-\(c.id)-hub"
        let gatewaySubnet = id(c, "virtualNetworks", hub) + "/subnets/GatewaySubnet"
        let sku = fault == .gatewayNotZoneRedundant ? "Standard" : "ErGw1AZ"
        r.append("""
            {"id": "\(id(c, "virtualNetworkGateways", "ergw-hub"))", "name": "ergw-hub", "type": "Microsoft.Network/virtualNetworkGateways", "location": "westeurope",
             "properties": {"gatewayType": "ExpressRoute", "sku": {"name": "\(sku)", "tier": "\(sku)"}, "activeActive": false, "enableBgp": false,
              "ipConfigurations": [{"name": "default", "properties": {"privateIPAllocationMethod": "Dynamic", "subnet": {"id": "\(gatewaySubnet)"},
               "publicIPAddress": {"id": "\(id(c, "publicIPAddresses", "pip-ergw-hub"))"}}}]}}
            """)
        for n in 0..<2 {
            r.append("""
                {"id": "\(id(c, "connections", "cn-hub-\(n + 1)"))", "name": "cn-hub-\(n + 1)", "type": "Microsoft.Network/connections", "location": "westeurope",
                 "properties": {"connectionType": "ExpressRoute", "routingWeight": \(n == 0 ? 10 : 0), "enableBgp": false,
                  "virtualNetworkGateway1": {"id": "\(id(c, "virtualNetworkGateways", "ergw-hub"))"},
                  "peer": {"id": "\(id(c, "expressRouteCircuits", "er-\(c.id)-\(n + 1)"))"}}}
                """)
        }
        // IPsec over ExpressRoute for the customers whose posture requires encryption.
        if c.posture != 1 {
            let weak = fault == .weakIPsec
            r.append("""
                {"id": "\(id(c, "virtualNetworkGateways", "vpngw-hub"))", "name": "vpngw-hub", "type": "Microsoft.Network/virtualNetworkGateways", "location": "westeurope",
                 "properties": {"gatewayType": "Vpn", "vpnType": "RouteBased", "sku": {"name": "VpnGw2AZ", "tier": "VpnGw2AZ"},
                  "ipConfigurations": [{"name": "default", "properties": {"subnet": {"id": "\(gatewaySubnet)"}}}]}}
                """)
            r.append("""
                {"id": "\(id(c, "connections", "cn-ipsec-over-er"))", "name": "cn-ipsec-over-er", "type": "Microsoft.Network/connections", "location": "westeurope",
                 "properties": {"connectionType": "IPsec", "useLocalAzureIpAddress": true, "connectionProtocol": "\(weak ? "IKEv1" : "IKEv2")",
                  "virtualNetworkGateway1": {"id": "\(id(c, "virtualNetworkGateways", "vpngw-hub"))"},
                  "localNetworkGateway2": {"id": "\(id(c, "localNetworkGateways", "lng-onprem"))"},
                  "ipsecPolicies": [{"ikeEncryption": "\(weak ? "DES3" : "GCMAES256")", "ikeIntegrity": "\(weak ? "SHA1" : "SHA384")", "dhGroup": "\(weak ? "DHGroup2" : "DHGroup24")",
                   "ipsecEncryption": "GCMAES256", "ipsecIntegrity": "GCMAES256", "pfsGroup": "\(weak ? "None" : "PFS24")", "saLifeTimeSeconds": 3600, "saDataSizeKilobytes": 102400000}]}}
                """)
            r.append("""
                {"id": "\(id(c, "localNetworkGateways", "lng-onprem"))", "name": "lng-onprem", "type": "Microsoft.Network/localNetworkGateways", "location": "westeurope",
                 "properties": {"gatewayIpAddress": "\(c.link(0).router)", "localNetworkAddressSpace": {"addressPrefixes": ["\(c.onPremises)"]}}}
                """)
        }
        r.append("""
            {"id": "\(id(c, "azureFirewalls", "afw-hub"))", "name": "afw-hub", "type": "Microsoft.Network/azureFirewalls", "location": "westeurope",
             "properties": {"sku": {"name": "AZFW_VNet", "tier": "Premium"}, "threatIntelMode": "Deny",
              "ipConfigurations": [{"name": "ipconfig", "properties": {"privateIPAddress": "10.0.1.4", "subnet": {"id": "\(id(c, "virtualNetworks", hub))/subnets/AzureFirewallSubnet"}}}]}}
            """)
        for n in 0..<6 {
            r.append("""
                {"id": "\(id(c, "networkInterfaces", "nic-nva-\(n)"))", "name": "nic-nva-\(n)", "type": "Microsoft.Network/networkInterfaces", "location": "westeurope",
                 "properties": {"enableIPForwarding": \(n < 2), "enableAcceleratedNetworking": true, "macAddress": "00-0D-3A-\(String(format: "%02X-%02X-%02X", n, c.index >> 8 & 255, c.index & 255))",
                  "ipConfigurations": [{"name": "ipconfig1", "properties": {"privateIPAddress": "10.0.3.\(4 + n)", "privateIPAllocationMethod": "Static", "primary": true,
                   "subnet": {"id": "\(id(c, "virtualNetworks", hub))/subnets/snet-nva"}}}]}}
                """)
        }
        // VNets: the hub and four spokes, each with 24 subnets, a route table and an NSG.
        let spokes = (1...4).map { "vnet-\(c.id)-spoke\($0)" }
        r.append(vnet(c, hub, index: 0, spokes: spokes, hub: nil, fault: fault, &rng))
        for (n, s) in spokes.enumerated() { r.append(vnet(c, s, index: n + 1, spokes: [], hub: hub, fault: fault, &rng)) }
        // Inbound from on-premises goes through the firewall too: the hub's workload subnets and every spoke.
        let inbound = [("to-hub-workloads-a", "10.0.16.0/20"), ("to-hub-workloads-b", "10.0.32.0/21")]
            + spokes.enumerated().map { n, s in ("to-\(s)", "10.\(n + 1).0.0/16") }
        r.append(routeTable(c, "rt-\(c.id)-gateway", routes: inbound.map { ($0.0, $0.1, "VirtualAppliance", "10.0.1.4") }, disableBgp: false))
        for (n, _) in ([hub] + spokes).enumerated() {
            var routes: [(String, String, String, String?)] = [("default", "0.0.0.0/0", "VirtualAppliance", "10.0.1.4"),
                                                               ("onprem", c.onPremises, "VirtualAppliance", "10.0.1.4")]
            for k in 0..<60 { routes.append(("app-\(k)", "10.\(64 + k).\(n).0/24", "VirtualAppliance", k % 4 == 0 ? "10.0.3.4" : "10.0.1.4")) }
            if fault == .blackHoleNextHop && n == 1 { routes[1] = ("onprem", c.onPremises, "VirtualAppliance", "10.0.3.9") }
            r.append(routeTable(c, "rt-\(c.id)-\(n)", routes: routes, disableBgp: true))
            r.append(nsg(c, "nsg-\(c.id)-\(n)", &rng))
        }
        return "{\"value\": [\n" + r.joined(separator: ",\n") + "\n]}\n"
    }

    func peering(_ c: Customer, circuit: String, kind: String, links: ((prefix: String, router: String, msee: String), (prefix: String, router: String, msee: String)),
                 vlan: Int, asn: Int, extra: String = "") -> String {
        """
        {"id": "\(id(c, "expressRouteCircuits", circuit))/peerings/\(kind)", "name": "\(kind)",
         "properties": {"peeringType": "\(kind)", "state": "Enabled", "azureASN": 12076, "peerASN": \(asn),
          "primaryPeerAddressPrefix": "\(links.0.prefix)", "secondaryPeerAddressPrefix": "\(links.1.prefix)",
          "primaryAzurePort": "EQIX-AMS-06GMR-CIS-1-PRI-A", "secondaryAzurePort": "EQIX-AMS-06GMR-CIS-2-SEC-A", "vlanId": \(vlan)\(extra)}}
        """
    }

    func microsoftPeering(_ c: Customer, circuit: String, _ fault: Fault?) -> String {
        let advertised = fault == .privateAdvertisedPrefix ? "\"\(c.ownedPrefix)\", \"\(c.onPremises)\"" : "\"\(c.ownedPrefix)\""
        return peering(c, circuit: circuit, kind: "MicrosoftPeering", links: (c.msLink(0), c.msLink(1)), vlan: 200, asn: c.asn, extra: """
            , "routeFilter": {"id": "\(id(c, "routeFilters", "rf-msft"))"},
              "microsoftPeeringConfig": {"advertisedPublicPrefixes": [\(advertised)], "advertisedPublicPrefixesState": "Configured",
               "customerASN": \(c.asn), "routingRegistryName": "RIPENCC"}
            """)
    }

    func vnet(_ c: Customer, _ name: String, index: Int, spokes: [String], hub: String?, fault: Fault?, _ rng: inout SplitMix64) -> String {
        let vid = id(c, "virtualNetworks", name)
        var subnets: [String] = []
        func subnet(_ s: String, _ prefix: String, table: String?) {
            let rt = table.map { ", \"routeTable\": {\"id\": \"\(id(c, "routeTables", $0))\"}" } ?? ""
            let nsg = table == nil ? "" : ", \"networkSecurityGroup\": {\"id\": \"\(id(c, "networkSecurityGroups", "nsg-\(c.id)-\(index)"))\"}"
            subnets.append("""
                {"id": "\(vid)/subnets/\(s)", "name": "\(s)", "type": "Microsoft.Network/virtualNetworks/subnets",
                 "properties": {"addressPrefix": "\(prefix)", "provisioningState": "Succeeded", "privateEndpointNetworkPolicies": "Disabled",
                  "privateLinkServiceNetworkPolicies": "Enabled"\(rt)\(nsg)}}
                """)
        }
        if hub == nil {
            subnet("GatewaySubnet", "10.0.0.0/27", table: "rt-\(c.id)-gateway")
            subnets.append("{\"id\": \"\(vid)/subnets/AzureFirewallSubnet\", \"name\": \"AzureFirewallSubnet\", \"properties\": {\"addressPrefix\": \"10.0.1.0/26\"}}")
            subnet("snet-nva", "10.0.3.0/24", table: nil)
        }
        for k in 0..<24 {
            let withoutTable = fault == .spokeWithoutRouteTable && index == 2 && k == 0
            subnet("snet-\(rng.pick(["app", "web", "data", "batch", "mgmt"]))-\(k)", "10.\(index).\(16 + k).0/24",
                   table: withoutTable ? nil : "rt-\(c.id)-\(index)")
        }
        var peerings: [String] = []
        for s in spokes {
            peerings.append("{\"name\": \"to-\(s)\", \"properties\": {\"remoteVirtualNetwork\": {\"id\": \"\(id(c, "virtualNetworks", s))\"}, \"allowGatewayTransit\": true, \"useRemoteGateways\": false, \"allowForwardedTraffic\": true, \"peeringState\": \"Connected\"}}")
        }
        if let hub {
            peerings.append("{\"name\": \"to-hub\", \"properties\": {\"remoteVirtualNetwork\": {\"id\": \"\(id(c, "virtualNetworks", hub))\"}, \"allowGatewayTransit\": false, \"useRemoteGateways\": true, \"allowForwardedTraffic\": true, \"peeringState\": \"Connected\"}}")
        }
        return """
            {"id": "\(vid)", "name": "\(name)", "type": "Microsoft.Network/virtualNetworks", "location": "westeurope", "etag": "W/\\"\(hex(&rng))\\"",
             "properties": {"provisioningState": "Succeeded", "resourceGuid": "\(uuid(&rng))", "addressSpace": {"addressPrefixes": ["10.\(index).0.0/16"]},
              "enableDdosProtection": false, "subnets": [\(subnets.joined(separator: ",\n"))],
              "virtualNetworkPeerings": [\(peerings.joined(separator: ",\n"))]}}
            """
    }

    func routeTable(_ c: Customer, _ name: String, routes: [(String, String, String, String?)], disableBgp: Bool) -> String {
        let tid = id(c, "routeTables", name)
        let items = routes.map { r in
            "{\"id\": \"\(tid)/routes/\(r.0)\", \"name\": \"\(r.0)\", \"type\": \"Microsoft.Network/routeTables/routes\", \"properties\": {\"provisioningState\": \"Succeeded\", \"addressPrefix\": \"\(r.1)\", \"nextHopType\": \"\(r.2)\""
                + (r.3.map { ", \"nextHopIpAddress\": \"\($0)\"" } ?? "") + "}}"
        }
        return """
            {"id": "\(tid)", "name": "\(name)", "type": "Microsoft.Network/routeTables", "location": "westeurope",
             "properties": {"provisioningState": "Succeeded", "disableBgpRoutePropagation": \(disableBgp), "routes": [\(items.joined(separator: ",\n"))]}}
            """
    }

    func nsg(_ c: Customer, _ name: String, _ rng: inout SplitMix64) -> String {
        let nid = id(c, "networkSecurityGroups", name)
        var rules: [String] = []
        for k in 0..<64 {
            let port = rng.pick(["443", "80", "22", "3389", "1433", "5432", "8080-8090", "*"])
            rules.append("""
                {"id": "\(nid)/securityRules/rule-\(k)", "name": "rule-\(k)", "type": "Microsoft.Network/networkSecurityGroups/securityRules",
                 "properties": {"provisioningState": "Succeeded", "priority": \(100 + k * 10), "direction": "\(k % 2 == 0 ? "Inbound" : "Outbound")",
                  "access": "\(k % 7 == 6 ? "Deny" : "Allow")", "protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "\(port)",
                  "sourceAddressPrefix": "10.\(k).0.0/16", "destinationAddressPrefix": "VirtualNetwork", "description": "application flow \(k)"}}
                """)
        }
        return """
            {"id": "\(nid)", "name": "\(name)", "type": "Microsoft.Network/networkSecurityGroups", "location": "westeurope",
             "properties": {"provisioningState": "Succeeded", "securityRules": [\(rules.joined(separator: ",\n"))]}}
            """
    }

    func hex(_ rng: inout SplitMix64) -> String { String(rng.next(), radix: 16) }

    func uuid(_ rng: inout SplitMix64) -> String {
        let a = rng.next(), b = rng.next()
        let h = String(format: "%016llx%016llx", a, b)
        let s = Array(h)
        return String(s[0..<8]) + "-" + String(s[8..<12]) + "-4" + String(s[13..<16]) + "-8" + String(s[17..<20]) + "-" + String(s[20..<32])
    }

    // MARK: Router XML

    /// Router `side` (0 primary, 1 secondary) holds one link of each private peering and of the
    /// Microsoft peering, in the customer's dialect.
    func router(_ c: Customer, side: Int, fault: Fault?, _ rng: inout SplitMix64) -> String {
        let name = "\(c.id)-edge-\(side + 1)"
        var sessions: [(local: String, neighbor: String, vlan: Int, export: String)] = []
        for n in 0..<2 {
            let l = c.link(n * 2 + side)
            if fault == .secondarySessionMissing && side == 1 && n == 0 { continue }
            sessions.append((l.router, l.msee, 100 + n, "ONPREM-OUT"))
        }
        let ms = c.msLink(side)
        sessions.append((ms.router, ms.msee, 200, "PUBLIC-OUT"))
        switch c.dialect {
        case 0: return junos(name, c, sessions, &rng)
        case 1: return openconfig(name, c, sessions)
        default: return iosxr(name, c, sessions)
        }
    }

    func junos(_ name: String, _ c: Customer, _ sessions: [(local: String, neighbor: String, vlan: Int, export: String)], _ rng: inout SplitMix64) -> String {
        var x = "<rpc-reply xmlns:junos=\"http://xml.juniper.net/junos/22.4R0/junos\">\n<configuration junos:changed-seconds=\"\(1_700_000_000 + c.index)\">\n"
        x += "  <version>22.4R2.8</version>\n  <system><host-name>\(name)</host-name><time-zone>UTC</time-zone>\n"
        for k in 0..<12 { x += "    <login><user><name>ops\(k)</name><uid>\(2000 + k)</uid><class>operator</class></user></login>\n" }
        x += "    <services><ssh><protocol-version>v2</protocol-version></ssh><netconf><ssh/></netconf></services>\n"
        x += "    <syslog><host><name>10.250.0.\(rng.below(250))</name><contents><name>any</name><notice/></contents></host></syslog>\n  </system>\n"
        x += "  <interfaces>\n    <interface><name>xe-0/0/0</name><vlan-tagging/>\n"
        for s in sessions {
            x += "      <unit><name>\(s.vlan)</name><description>to MSEE</description><vlan-id>\(s.vlan)</vlan-id><family><inet><address><name>\(s.local)/30</name></address></inet></family></unit>\n"
        }
        x += "    </interface>\n"
        for k in 0..<64 {
            x += "    <interface><name>ge-0/1/\(k)</name><description>access port \(k)</description><unit><name>0</name><family><inet><address><name>10.200.\(k).1/24</name></address></inet></family></unit></interface>\n"
        }
        x += "  </interfaces>\n  <routing-options><autonomous-system><as-number>\(c.asn)</as-number></autonomous-system></routing-options>\n"
        x += "  <protocols>\n    <bgp>\n      <group><name>MSEE</name><type>external</type><peer-as>12076</peer-as>\n"
        x += "        <bfd-liveness-detection><minimum-interval>300</minimum-interval><multiplier>3</multiplier></bfd-liveness-detection>\n"
        for s in sessions { x += "        <neighbor><name>\(s.neighbor)</name><export>\(s.export)</export></neighbor>\n" }
        x += "      </group>\n    </bgp>\n    <lldp><interface><name>all</name></interface></lldp>\n  </protocols>\n"
        x += "  <policy-options>\n"
        x += "    <prefix-list><name>ONPREM</name><prefix-list-item><name>\(c.onPremises)</name></prefix-list-item></prefix-list>\n"
        x += "    <prefix-list><name>PUBLIC</name><prefix-list-item><name>\(c.ownedPrefix)</name></prefix-list-item></prefix-list>\n"
        for (policy, list) in [("ONPREM-OUT", "ONPREM"), ("PUBLIC-OUT", "PUBLIC")] {
            x += "    <policy-statement><name>\(policy)</name><term><name>OUT</name><from><prefix-list><name>\(list)</name></prefix-list></from><then><accept/></then></term><then><reject/></then></policy-statement>\n"
        }
        x += "  </policy-options>\n</configuration>\n</rpc-reply>\n"
        return x
    }

    func openconfig(_ name: String, _ c: Customer, _ sessions: [(local: String, neighbor: String, vlan: Int, export: String)]) -> String {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" message-id=\"1\">\n<data>\n"
        x += "  <system xmlns=\"http://openconfig.net/yang/system\"><config><hostname>\(name)</hostname></config></system>\n"
        x += "  <interfaces xmlns=\"http://openconfig.net/yang/interfaces\">\n    <interface><name>Ethernet1</name><config><name>Ethernet1</name><enabled>true</enabled></config><subinterfaces>\n"
        for s in sessions {
            x += "      <subinterface><index>\(s.vlan)</index><config><index>\(s.vlan)</index></config>"
            x += "<ipv4 xmlns=\"http://openconfig.net/yang/interfaces/ip\"><addresses><address><ip>\(s.local)</ip><config><ip>\(s.local)</ip><prefix-length>30</prefix-length></config></address></addresses></ipv4></subinterface>\n"
        }
        x += "    </subinterfaces></interface>\n"
        for k in 0..<64 {
            x += "    <interface><name>Ethernet\(k + 10)</name><config><name>Ethernet\(k + 10)</name><description>access port \(k)</description><enabled>true</enabled><mtu>9100</mtu></config></interface>\n"
        }
        x += "  </interfaces>\n  <network-instances xmlns=\"http://openconfig.net/yang/network-instance\">\n    <network-instance><name>default</name><config><name>default</name></config>\n"
        x += "      <protocols><protocol><identifier>BGP</identifier><name>BGP</name><bgp>\n"
        x += "        <global><config><as>\(c.asn)</as></config></global>\n"
        x += "        <peer-groups><peer-group><peer-group-name>MSEE</peer-group-name><config><peer-group-name>MSEE</peer-group-name><peer-as>12076</peer-as></config>"
        x += "<enable-bfd><config><enabled>true</enabled></config></enable-bfd></peer-group></peer-groups>\n        <neighbors>\n"
        for s in sessions {
            x += "          <neighbor><neighbor-address>\(s.neighbor)</neighbor-address><config><neighbor-address>\(s.neighbor)</neighbor-address><peer-group>MSEE</peer-group></config>"
            x += "<apply-policy><config><export-policy>\(s.export)</export-policy></config></apply-policy></neighbor>\n"
        }
        x += "        </neighbors>\n      </bgp></protocol></protocols>\n    </network-instance>\n  </network-instances>\n"
        x += "  <routing-policy xmlns=\"http://openconfig.net/yang/routing-policy\">\n    <defined-sets><prefix-sets>\n"
        for (set, prefix) in [("ONPREM", c.onPremises), ("PUBLIC", c.ownedPrefix)] {
            x += "      <prefix-set><name>\(set)</name><config><name>\(set)</name></config><prefixes><prefix><ip-prefix>\(prefix)</ip-prefix><masklength-range>exact</masklength-range>"
            x += "<config><ip-prefix>\(prefix)</ip-prefix><masklength-range>exact</masklength-range></config></prefix></prefixes></prefix-set>\n"
        }
        x += "    </prefix-sets></defined-sets>\n    <policy-definitions>\n"
        for (policy, set) in [("ONPREM-OUT", "ONPREM"), ("PUBLIC-OUT", "PUBLIC")] {
            x += "      <policy-definition><name>\(policy)</name><config><name>\(policy)</name></config><statements>"
            x += "<statement><name>10</name><config><name>10</name></config><conditions><match-prefix-set><config><prefix-set>\(set)</prefix-set></config></match-prefix-set></conditions>"
            x += "<actions><config><policy-result>ACCEPT_ROUTE</policy-result></config></actions></statement>"
            x += "<statement><name>20</name><config><name>20</name></config><actions><config><policy-result>REJECT_ROUTE</policy-result></config></actions></statement></statements></policy-definition>\n"
        }
        x += "    </policy-definitions>\n  </routing-policy>\n</data>\n</rpc-reply>\n"
        return x
    }

    func iosxr(_ name: String, _ c: Customer, _ sessions: [(local: String, neighbor: String, vlan: Int, export: String)]) -> String {
        var x = "<?xml version=\"1.0\"?>\n<rpc-reply message-id=\"1\" xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\">\n <data>\n"
        x += "  <host-names xmlns=\"http://cisco.com/ns/yang/Cisco-IOS-XR-shellutil-cfg\"><host-name>\(name)</host-name></host-names>\n"
        x += "  <interface-configurations xmlns=\"http://cisco.com/ns/yang/Cisco-IOS-XR-ifmgr-cfg\">\n"
        for s in sessions {
            x += "   <interface-configuration><active>act</active><interface-name>TenGigE0/0/0/0.\(s.vlan)</interface-name><interface-mode-non-physical>default</interface-mode-non-physical>"
            x += "<ipv4-network xmlns=\"http://cisco.com/ns/yang/Cisco-IOS-XR-ipv4-io-cfg\"><addresses><primary><address>\(s.local)</address><netmask>255.255.255.252</netmask></primary></addresses></ipv4-network>"
            x += "<vlan-sub-configuration xmlns=\"http://cisco.com/ns/yang/Cisco-IOS-XR-l2-eth-infra-cfg\"><vlan-identifier><vlan-type>vlan-type-dot1q</vlan-type><first-tag>\(s.vlan)</first-tag></vlan-identifier></vlan-sub-configuration></interface-configuration>\n"
        }
        for k in 0..<64 {
            x += "   <interface-configuration><active>act</active><interface-name>GigabitEthernet0/0/1/\(k)</interface-name><description>access port \(k)</description></interface-configuration>\n"
        }
        x += "  </interface-configurations>\n  <bgp xmlns=\"http://cisco.com/ns/yang/Cisco-IOS-XR-ipv4-bgp-cfg\"><instance><instance-name>default</instance-name><instance-as><as>0</as>"
        x += "<four-byte-as><as>\(c.asn)</as><bgp-running/><default-vrf><bgp-entity>\n"
        x += "   <neighbor-groups><neighbor-group><neighbor-group-name>MSEE</neighbor-group-name><create/><remote-as><as-xx>0</as-xx><as-yy>12076</as-yy></remote-as>"
        x += "<bfd-enable-modes>default</bfd-enable-modes><bfd-minimum-interval>300</bfd-minimum-interval><bfd-multiplier>3</bfd-multiplier></neighbor-group></neighbor-groups>\n   <neighbors>\n"
        for s in sessions {
            x += "    <neighbor><neighbor-address>\(s.neighbor)</neighbor-address><neighbor-group-add-member>MSEE</neighbor-group-add-member>"
            x += "<neighbor-afs><neighbor-af><af-name>ipv4-unicast</af-name><activate/><route-policy-out>\(s.export)</route-policy-out></neighbor-af></neighbor-afs></neighbor>\n"
        }
        x += "   </neighbors>\n  </bgp-entity></default-vrf></four-byte-as></instance-as></instance></bgp>\n </data>\n</rpc-reply>\n"
        return x
    }

    // MARK: Manifest

    func manifestText() -> String {
        var y = "# Synthetic estate written by `erlint generate --customers \(options.customers) --seed \(options.seed)`.\n"
        y += "csp: {name: Synthetic CSP, asns: [64500], ownedPrefixes: [100.128.0.0/10]}\ncustomers:\n"
        var routers = "routers:\n"
        for i in 0..<options.customers {
            let c = Customer(index: i)
            let posture = c.posture == 0 ? "strict" : c.posture == 1 ? "baseline" : "{base: baseline, encryption: required}"
            y += "  - {id: \(c.id), name: Customer \(i), model: connect-to, subscriptions: [\(c.subscription)], posture: \(posture), "
            y += "ownedPrefixes: [\(c.ownedPrefix)], asns: [\(c.asn)], onPremisesPrefixes: [\(c.onPremises)]}\n"
            routers += "  - {name: \(c.id)-edge-1, owner: \(c.id)}\n  - {name: \(c.id)-edge-2, owner: \(c.id)}\n"
        }
        return y + routers
    }
}
