import Foundation
import ErlintModel

/// Builds the small estate fragments that rule examples are made of: ARM JSON in the REST shape
/// (what `az rest` and the portal's JSON view show), Junos XML and a manifest. Examples read
/// like real exports, and `erlint explain` prints them as they are.
public enum Fragment {
    /// The example customer's subscription, and a second customer's.
    public static let subscription = "00000000-0000-0000-0000-0000000000a1"
    public static let otherSubscription = "00000000-0000-0000-0000-0000000000b2"

    public typealias Object = [String: Any]

    static func id(_ type: String, _ name: String, subscription: String = subscription) -> String {
        "/subscriptions/\(subscription)/resourceGroups/rg-net/providers/Microsoft.Network/\(type)/\(name)"
    }

    /// One JSON file holding the resources, pretty-printed with sorted keys.
    static func json(_ resources: [Object]) -> RuleExample.File {
        let data = try! JSONSerialization.data(withJSONObject: ["value": resources], options: [.prettyPrinted, .sortedKeys])
        return RuleExample.File("network.json", String(decoding: data, as: UTF8.self))
    }

    // MARK: Circuits

    static func circuit(_ name: String = "er-ams", tier: String = "Standard", location: String = "Amsterdam",
                        bandwidth: Int? = 1000, provisioning: String = "Provisioned", port: String? = nil,
                        gbps: Double? = nil, subscription: String = subscription, peerings: [Object]) -> Object {
        var provider: Object = ["serviceProviderName": "Equinix", "peeringLocation": location]
        if let bandwidth { provider["bandwidthInMbps"] = bandwidth }
        var props: Object = ["serviceProviderProvisioningState": provisioning, "circuitProvisioningState": "Enabled",
                             "peerings": peerings]
        if let port {
            props = ["serviceProviderProvisioningState": provisioning, "circuitProvisioningState": "Enabled",
                     "peerings": peerings, "expressRoutePort": ["id": id("expressRoutePorts", port)],
                     "bandwidthInGbps": gbps ?? 10, "peeringLocation": location]
        } else {
            props["serviceProviderProperties"] = provider
        }
        return ["id": id("expressRouteCircuits", name, subscription: subscription), "name": name,
                "type": "Microsoft.Network/expressRouteCircuits",
                "sku": ["tier": tier, "family": "MeteredData", "name": "\(tier)_MeteredData"], "properties": props]
    }

    static func privatePeering(_ primary: String? = "172.16.0.0/30", _ secondary: String? = "172.16.0.4/30",
                               vlan: Int = 100, asn: Int = 64510, md5: Bool = false) -> Object {
        var p: Object = ["peeringType": "AzurePrivatePeering", "state": "Enabled", "azureASN": 12076, "peerASN": asn, "vlanId": vlan]
        if md5 { p["sharedKey"] = "not-a-real-key" }
        if let primary { p["primaryPeerAddressPrefix"] = primary }
        if let secondary { p["secondaryPeerAddressPrefix"] = secondary }
        return ["name": "AzurePrivatePeering", "properties": p]
    }

    static func microsoftPeering(_ primary: String = "100.200.0.0/30", _ secondary: String = "100.200.0.4/30",
                                 advertised: [String] = ["100.200.0.128/25"], state: String = "Configured",
                                 routeFilter: String? = "rf-ms", vlan: Int = 200, asn: Int = 64510) -> Object {
        var p: Object = ["peeringType": "MicrosoftPeering", "state": "Enabled", "azureASN": 12076, "peerASN": asn, "vlanId": vlan,
                         "primaryPeerAddressPrefix": primary, "secondaryPeerAddressPrefix": secondary,
                         "microsoftPeeringConfig": ["advertisedPublicPrefixes": advertised,
                                                    "advertisedPublicPrefixesState": state, "customerASN": asn]]
        if let routeFilter { p["routeFilter"] = ["id": id("routeFilters", routeFilter)] }
        return ["name": "MicrosoftPeering", "properties": p]
    }

    static func routeFilter(_ name: String = "rf-ms") -> Object {
        ["id": id("routeFilters", name), "name": name, "type": "Microsoft.Network/routeFilters",
         "properties": ["rules": [["name": "allow-exchange", "properties": ["access": "Allow", "communities": ["12076:5010"]]]]]]
    }

    // MARK: Gateways and connections

    static func gateway(_ name: String = "ergw-hub", sku: String = "ErGw1AZ", vnet: String = "vnet-hub",
                        type: String = "ExpressRoute", subscription: String = subscription) -> Object {
        let subnet = id("virtualNetworks", vnet, subscription: subscription) + "/subnets/GatewaySubnet"
        return ["id": id("virtualNetworkGateways", name, subscription: subscription), "name": name,
                "type": "Microsoft.Network/virtualNetworkGateways",
                "properties": ["gatewayType": type, "sku": ["name": sku, "tier": sku],
                               "ipConfigurations": [["name": "default", "properties": ["subnet": ["id": subnet]]]]]]
    }

    static func connection(_ name: String = "cn-hub-ams", gateway: String = "ergw-hub", circuit: String = "er-ams",
                           subscription: String = subscription, circuitSubscription: String = subscription) -> Object {
        ["id": id("connections", name, subscription: subscription), "name": name, "type": "Microsoft.Network/connections",
         "properties": ["connectionType": "ExpressRoute",
                        "virtualNetworkGateway1": ["id": id("virtualNetworkGateways", gateway, subscription: subscription)],
                        "peer": ["id": id("expressRouteCircuits", circuit, subscription: circuitSubscription)]]]
    }

    /// An IPsec connection; `policy` is (ikeEncryption, ikeIntegrity, dhGroup, ipsecEncryption,
    /// ipsecIntegrity, pfsGroup), nil for Azure's default proposals.
    static func ipsecConnection(_ name: String = "cn-ipsec-over-er", gateway: String = "vpngw-hub", overExpressRoute: Bool = true,
                                protocolName: String = "IKEv2",
                                policy: (String, String, String, String, String, String)? = ("GCMAES256", "SHA384", "DHGroup24", "GCMAES256", "GCMAES256", "PFS24")) -> Object {
        var props: Object = ["connectionType": "IPsec", "useLocalAzureIpAddress": overExpressRoute, "connectionProtocol": protocolName,
                             "virtualNetworkGateway1": ["id": id("virtualNetworkGateways", gateway)],
                             "localNetworkGateway2": ["id": id("localNetworkGateways", "lng-onprem")]]
        if let p = policy {
            props["ipsecPolicies"] = [["ikeEncryption": p.0, "ikeIntegrity": p.1, "dhGroup": p.2, "ipsecEncryption": p.3,
                                       "ipsecIntegrity": p.4, "pfsGroup": p.5, "saLifeTimeSeconds": 3600]]
        }
        return ["id": id("connections", name), "name": name, "type": "Microsoft.Network/connections", "properties": props]
    }

    // MARK: Networks

    /// A circuit connected to the gateway of `vnet-hub`, and an Azure Firewall at 10.1.1.4 (the
    /// VNet itself is left to the example, with the subnets it needs).
    static func hubWithFirewall() -> [Object] {
        [circuit(peerings: [privatePeering()]), gateway(), connection(), firewall()]
    }

    /// A VNet with subnets (name, prefix, route table name or nil) and peerings (remote VNet,
    /// allowGatewayTransit, useRemoteGateways).
    static func vnet(_ name: String = "vnet-hub", _ prefixes: [String] = ["10.1.0.0/16"],
                     subnets: [(String, String, String?)] = [("GatewaySubnet", "10.1.0.0/27", nil)],
                     peerings: [(String, Bool, Bool)] = []) -> Object {
        let vid = id("virtualNetworks", name)
        return ["id": vid, "name": name, "type": "Microsoft.Network/virtualNetworks",
                "properties": [
                    "addressSpace": ["addressPrefixes": prefixes],
                    "subnets": subnets.map { s in
                        var p: Object = ["addressPrefix": s.1]
                        if let rt = s.2 { p["routeTable"] = ["id": id("routeTables", rt)] }
                        return ["name": s.0, "properties": p] as Object
                    },
                    "virtualNetworkPeerings": peerings.map { p in
                        ["name": "to-" + p.0, "properties": ["remoteVirtualNetwork": ["id": id("virtualNetworks", p.0)],
                                                             "allowGatewayTransit": p.1, "useRemoteGateways": p.2,
                                                             "peeringState": "Connected"]] as Object
                    },
                ]]
    }

    /// A route table with routes (prefix, next hop type, next hop address).
    static func routeTable(_ name: String, _ routes: [(String, String, String?)], disableBgp: Bool = false) -> Object {
        ["id": id("routeTables", name), "name": name, "type": "Microsoft.Network/routeTables",
         "properties": ["disableBgpRoutePropagation": disableBgp,
                        "routes": routes.enumerated().map { n, r in
                            var p: Object = ["addressPrefix": r.0, "nextHopType": r.1]
                            if let ip = r.2 { p["nextHopIpAddress"] = ip }
                            return ["name": "r\(n + 1)", "properties": p] as Object
                        }]]
    }

    static func firewall(_ name: String = "afw-hub", ip: String = "10.1.1.4", vnet: String = "vnet-hub",
                         subscription: String = subscription) -> Object {
        ["id": id("azureFirewalls", name, subscription: subscription), "name": name, "type": "Microsoft.Network/azureFirewalls",
         "properties": ["ipConfigurations": [["name": "ipconfig", "properties": [
             "privateIPAddress": ip, "subnet": ["id": id("virtualNetworks", vnet, subscription: subscription) + "/subnets/AzureFirewallSubnet"]]]]]]
    }

    static func nic(_ name: String, ip: String, forwarding: Bool, vnet: String = "vnet-hub", subnet: String = "snet-nva") -> Object {
        ["id": id("networkInterfaces", name), "name": name, "type": "Microsoft.Network/networkInterfaces",
         "properties": ["enableIPForwarding": forwarding, "ipConfigurations": [["name": "ipconfig", "properties": [
             "privateIPAddress": ip, "subnet": ["id": id("virtualNetworks", vnet) + "/subnets/" + subnet]]]]]]
    }

    /// An ExpressRoute Direct port with two links and their MACsec ciphers (nil: no MACsec).
    static func port(_ name: String = "erport-ams", ciphers: (String?, String?), circuits: [String] = ["er-direct"]) -> Object {
        func link(_ n: String, _ cipher: String?) -> Object {
            var props: Object = ["routerName": "ams-06gmr-cis-\(n)", "interfaceName": "HundredGigE0/0/0/\(n)", "adminState": "Enabled"]
            if let cipher {
                props["macSecConfig"] = ["cipher": cipher, "sciState": "Enabled",
                                         "cknSecretIdentifier": "https://kv.vault.azure.net/secrets/ckn",
                                         "cakSecretIdentifier": "https://kv.vault.azure.net/secrets/cak"]
            }
            return ["name": "link\(n)", "properties": props]
        }
        return ["id": id("expressRoutePorts", name), "name": name, "type": "Microsoft.Network/expressRoutePorts",
                "properties": ["peeringLocation": "Amsterdam", "bandwidthInGbps": 10, "encapsulation": "Dot1Q",
                               "links": [link("1", ciphers.0), link("2", ciphers.1)],
                               "circuits": circuits.map { ["id": id("expressRouteCircuits", $0)] }]]
    }

    // MARK: Manifest

    /// A manifest with one customer `acme` (and `globex` on the second subscription when
    /// `twoCustomers`), the CSP owning 100.200.0.0/24 and the routers given (owner csp).
    public static func manifest(posture: String = "baseline", twoCustomers: Bool = false, routers: [String] = [],
                                ownedPrefixes: [String] = ["100.201.0.0/24"], extra: String = "") -> String {
        var y = """
            csp: {name: Example CSP, asns: [64500], ownedPrefixes: [100.200.0.0/24]}
            customers:
              - id: acme
                name: Acme Corp
                model: connect-through
                subscriptions: [\(subscription)]
                posture: \(posture)
                ownedPrefixes: [\(ownedPrefixes.joined(separator: ", "))]
                asns: [64510]
                onPremisesPrefixes: [10.20.0.0/16]
            \(extra)
            """
        if twoCustomers {
            y += """

                  - id: globex
                    name: Globex
                    model: connect-through
                    subscriptions: [\(otherSubscription)]
                    posture: baseline
                """
        }
        if !routers.isEmpty {
            y += "\nrouters:\n" + routers.map { "  - {name: \($0), owner: csp}" }.joined(separator: "\n")
        }
        return y + "\n"
    }

    // MARK: Routers

    /// A BGP neighbor of a Junos router: address, routing instance (nil: global), BFD, export
    /// policy, peer AS, MD5 key.
    struct Neighbor {
        var address: String
        var instance: String?
        var bfd = true
        var export: String?
        var peerAS = 12076
        var md5 = false
        init(_ address: String, instance: String? = nil, bfd: Bool = true, export: String? = nil, peerAS: Int = 12076, md5: Bool = false) {
            self.address = address
            self.instance = instance
            self.bfd = bfd
            self.export = export
            self.peerAS = peerAS
            self.md5 = md5
        }
    }

    /// A logical interface of a Junos router: `ifd.unit`, address with length, VLAN, routing
    /// instance (nil: global), disabled.
    struct Unit {
        var name: String
        var address: String
        var vlan: Int?
        var instance: String?
        var disabled = false
        init(_ name: String, _ address: String, vlan: Int? = nil, instance: String? = nil, disabled: Bool = false) {
            (self.name, self.address, self.vlan, self.instance, self.disabled) = (name, address, vlan, instance, disabled)
        }
    }

    /// A minimal Junos config (`show configuration | display xml`, bare): host name, units,
    /// BGP neighbors grouped by routing instance (of type `vrf` unless `instanceTypes` says
    /// otherwise), and policies exporting the prefixes given.
    static func junos(_ name: String, _ neighbors: [Neighbor], units: [Unit] = [], exports: [String: [String]] = [:],
                      instanceTypes: [String: String] = [:], extra: String = "") -> RuleExample.File {
        func group(_ ns: [Neighbor]) -> String {
            ns.map { n in
                let bfd = n.bfd ? "<bfd-liveness-detection><minimum-interval>300</minimum-interval></bfd-liveness-detection>" : ""
                let export = n.export.map { "<export>\($0)</export>" } ?? ""
                let key = n.md5 ? "<authentication-key>$9$not-a-real-key</authentication-key>" : ""
                return "<group><name>MSEE-\(n.address)</name><type>external</type><peer-as>\(n.peerAS)</peer-as>\(export)\(bfd)\(key)<neighbor><name>\(n.address)</name></neighbor></group>"
            }.joined(separator: "\n      ")
        }
        let global = neighbors.filter { $0.instance == nil }
        let instances = Dictionary(grouping: neighbors.filter { $0.instance != nil }, by: { $0.instance! })
        var xml = "<configuration>\n  <system><host-name>\(name)</host-name></system>\n"
        if !units.isEmpty {
            xml += "  <interfaces>" + units.map { u in
                let parts = u.name.split(separator: ".")
                return "<interface><name>\(parts[0])</name><vlan-tagging/><unit><name>\(parts[1])</name>\(u.disabled ? "<disable/>" : "")"
                    + (u.vlan.map { "<vlan-id>\($0)</vlan-id>" } ?? "")
                    + "<family><inet><address><name>\(u.address)</name></address></inet></family></unit></interface>"
            }.joined() + "</interfaces>\n"
        }
        xml += "  <routing-options><autonomous-system><as-number>64510</as-number></autonomous-system></routing-options>\n"
        if !global.isEmpty { xml += "  <protocols><bgp>\n      \(group(global))\n  </bgp></protocols>\n" }
        if !instances.isEmpty {
            xml += "  <routing-instances>\n"
            for (vrf, ns) in instances.sorted(by: { $0.key < $1.key }) {
                let members = units.filter { $0.instance == vrf }.map { "<interface><name>\($0.name)</name></interface>" }.joined()
                xml += "    <instance><name>\(vrf)</name><instance-type>\(instanceTypes[vrf] ?? "vrf")</instance-type>\(members)<protocols><bgp>\n      \(group(ns))\n    </bgp></protocols></instance>\n"
            }
            xml += "  </routing-instances>\n"
        }
        if !exports.isEmpty {
            xml += "  <policy-options>\n"
            for (policy, prefixes) in exports.sorted(by: { $0.key < $1.key }) {
                // "10.20.0.0/16", "10.20.0.0/16 orlonger", "0.0.0.0/0 exact reject": a route filter
                // with its match type (exact unless given) and its own action, if any.
                let filters = prefixes.map { entry in
                    let w = entry.split(separator: " ").map(String.init)
                    let match = w.count > 1 ? "<\(w[1])/>" : "<exact/>"
                    let action = w.count > 2 ? "<\(w[2])/>" : ""
                    return "<route-filter><address>\(w[0])</address>\(match)\(action)</route-filter>"
                }.joined()
                xml += "    <policy-statement><name>\(policy)</name><term><name>OUT</name><from>\(filters)</from><then><accept/></then></term><then><reject/></then></policy-statement>\n"
            }
            xml += "  </policy-options>\n"
        }
        xml += extra
        xml += "</configuration>\n"
        return RuleExample.File("routers/\(name).xml", xml)
    }

    /// What `show bgp neighbor | display xml` says of a Junos router's sessions (address, state,
    /// BFD state), saved beside its config as `<router>.bgp-state.xml`.
    static func junosState(_ router: String, _ peers: [(String, String, String?)]) -> RuleExample.File {
        let body = peers.map { p in
            "<bgp-peer><peer-address>\(p.0)+179</peer-address><peer-as>12076</peer-as><peer-state>\(p.1)</peer-state><peer-cfg-rti>master</peer-cfg-rti>"
                + (p.2.map { "<bgp-bfd><bfd-operational-state>\($0)</bfd-operational-state></bgp-bfd>" } ?? "") + "</bgp-peer>"
        }.joined(separator: "\n  ")
        return RuleExample.File("routers/\(router).bgp-state.xml", "<rpc-reply>\n<bgp-information xmlns=\"http://xml.juniper.net/junos/21.4R3/junos-routing\">\n  \(body)\n</bgp-information>\n</rpc-reply>\n")
    }

    /// The same Junos config with `statement` (every BGP neighbor unless told) marked
    /// `inactive` (`deactivate`).
    static func deactivated(_ file: RuleExample.File, _ statement: String = "neighbor") -> RuleExample.File {
        RuleExample.File(file.path, file.content.replacingOccurrences(of: "<\(statement)>", with: "<\(statement) inactive=\"inactive\">"))
    }

}
