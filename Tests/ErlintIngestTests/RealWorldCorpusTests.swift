import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Every public file under ../shared/real-world (routers, routers-2, arm; see each folder's
/// PROVENANCE.md), read where it lies, against what a correct reader reports for it, written
/// from reading the file. A file added there needs its entry in `expected`: one line.
@Suite struct RealWorldCorpusTests {
    static let root = URL(fileURLWithPath: Fixtures.root).deletingLastPathComponent().appendingPathComponent("shared/real-world").path
    static let folder = root + "/routers"

    /// What reading one file gives.
    enum Expected: Sendable {
        /// A router config: its dialects, host name (nil: none in the file), BGP sessions as
        /// `neighbor[@vrf] peerAS` in file order, interfaces, the routing instances that are VRFs
        /// and all routing instances, and phrases of the warnings it must give (none other).
        case router(_ dialects: [RouterDialect], host: String?, sessions: [String], interfaces: Int = 0, vrfs: [String] = [],
                    instances: Int = 0, warnings: [String] = [])
        /// Observed BGP state alone (`neighbor[@vrf] state` in file order), which an audit of the
        /// file alone cannot join to a config: it says so.
        case observedState(_ sessions: [String])
        /// No router config: the one diagnostic that says what the file is.
        case notRouter(Diagnostic.Severity, String)
        /// ARM JSON: resources by canonical type, types outside Microsoft.Network, and phrases of
        /// the warnings and notes it must give (none other at those severities).
        case arm(_ resources: [String: Int], ignored: [String: Int] = [:], warnings: [String] = [], notes: [String] = [])
        /// Neither JSON nor XML: listed as not read.
        case notRead
    }

    static let unscoped = "ARM template has no deployment scope"

    static let expected: [String: Expected] = [
        // routers/
        "routers/PROVENANCE.md": .notRead,
        "routers/ms-docs-samples.txt": .notRead,
        "routers/ansible_junos_bgp_address_family_rpc_reply.xml": .router([.junos], host: nil, sessions: []),
        "routers/ansible_junos_bgp_global_rpc_reply.xml": .router([.junos], host: nil, sessions: []),
        "routers/ansible_junos_interfaces_rpc_reply.xml": .router([.junos], host: nil, sessions: [], interfaces: 2),
        "routers/ansible_junos_security_policies_rpc_reply.xml": .router([.junos], host: nil, sessions: []),
        "routers/ansible_junos_security_zones_rpc_reply.xml": .router([.junos], host: nil, sessions: []),
        "routers/napalm_iosxr_netconf_bgp_cfg_no_bgp.xml": .notRouter(.warning, "no router configuration in this document"),
        "routers/napalm_iosxr_netconf_bgp_cfg_running.xml": .router([.iosxr], host: nil, sessions: [
            "192.168.0.1 65000", "192.168.0.3 65000", "172.16.255.3 65172", "2001:db8::ff:3 65172", "2001:db8:ffff::1 65000",
            "2001:db8:ffff::3 65002", "10.0.0.0@private 65010", "2001:db8:cafe::@private 65010"], vrfs: ["private"], instances: 1),
        "routers/napalm_iosxr_netconf_cli_cfg_running.xml": .notRouter(.error, "IOS-XR configuration as CLI text"),
        "routers/napalm_iosxr_netconf_oper_bgp_large.xml": .observedState([
            "172.16.255.3 bgp-st-estab", "192.168.0.1 bgp-st-estab", "192.168.0.3 bgp-st-idle", "2001:db8::ff:3 bgp-st-estab",
            "2001:db8:ffff::1 bgp-st-estab", "2001:db8:ffff::3 bgp-st-idle", "10.0.0.0@private bgp-st-active", "2001:db8:cafe::@private bgp-st-idle"]),
        "routers/napalm_iosxr_netconf_oper_interfaces_ip.xml": .notRouter(.warning, "IOS-XR operational data"),
        "routers/napalm_iosxr_xmlagent_bgp_config_normal.xml": .router([.iosxrXMLAgent], host: nil, sessions: [
            "172.17.17.73 -", "192.168.20.3 9050", "172.17.17.50 48161", "192.168.50.5 9009", "192.158.17.5 -"],
            warnings: ["neighbor-group '4-cogent-transit', which is not in", "neighbor-group '4-SERVER-LAN', which is not in"]),
        "routers/napalm_junos_bgp_config_nhs.xml": .router([.junos], host: nil, sessions: ["10.10.10.1 65001", "10.10.10.2 65001"]),
        "routers/napalm_junos_bgp_config_no_bgp.xml": .router([.junos], host: nil, sessions: []),
        "routers/napalm_junos_bgp_config_normal.xml": .router([.junos], host: nil, sessions: ["192.168.0.1 32934", "172.17.17.1 13414"]),
        "routers/napalm_junos_oper_bgp_neighbor_information_pr581.xml": .observedState([
            "10.2.1.254 Established", "192.168.2.15 Established", "fd:1:2:3::2 Established"]),
        "routers/napalm_junos_oper_interface_information_large.xml": .notRouter(.warning, "Junos operational output (<interface-information>)"),
        "routers/napalm_junos_policy_options_nhs.xml": .router([.junos], host: nil, sessions: []),
        "routers/napalm_junos_routing_instances_bridge.xml": .router([.junos], host: nil, sessions: [], instances: 1),
        "routers/ydk_iosxe_native_interface.xml": .notRouter(.error, "unrecognised router config dialect, root element native in namespace http://cisco.com/ns/yang/Cisco-IOS-XE-native"),
        "routers/ydk_iosxr_ifmgr_cfg.xml": .router([.iosxr], host: nil, sessions: [], interfaces: 1),
        "routers/ydk_iosxr_ipv4_acl_cfg.xml": .router([.iosxr], host: nil, sessions: []),
        "routers/ydk_iosxr_ipv4_bgp_cfg.xml": .router([.iosxr], host: nil, sessions: ["192.168.1.1 65002"]),
        "routers/ydk_openconfig_bgp_peer_group_policy.xml": .router([.openconfig], host: nil, sessions: ["192.168.1.1 65002"]),
        "routers/ydk_openconfig_routing_policy.xml": .router([.openconfig], host: nil, sessions: []),
        // routers-2/
        "routers-2/PROVENANCE.md": .notRead,
        "routers-2/ansible_junos_get_configuration_xmldecl.xml": .router([.junos], host: "vsrx01", sessions: []),
        "routers-2/ansible_junos_hostname.xml": .router([.junos], host: "vsrx12", sessions: []),
        "routers-2/ansible_junos_routing_instances_forwarding.xml": .router([.junos], host: nil, sessions: [], vrfs: [], instances: 1),
        "routers-2/jsnapy_show_bgp_neighbor_oper.xml": .observedState(["10.209.16.145 Active", "10.209.16.204 Active", "1.1.1.1 Active"]),
        "routers-2/napalm_iosxr_netconf_empty_candidate.xml": .notRouter(.warning, "no router configuration in this document"),
        "routers-2/napalm_iosxr_xmlagent_bgp_mixed_groups.xml": .router([.iosxrXMLAgent], host: nil, sessions: [
            "10.255.255.2 65900", "10.255.255.3 65900", "10.255.255.12 65900", "10.255.255.220 65900"]),
        "routers-2/napalm_iosxr_xmlagent_bgp_peers_without_groups.xml": .router([.iosxrXMLAgent], host: nil, sessions: ["10.255.255.2 65900", "10.255.255.3 65900"]),
        "routers-2/napalm_junos_routing_instances_vrf.xml": .router([.junos], host: nil, sessions: [], vrfs: ["DUMMY"], instances: 1),
        "routers-2/napalm_junos_routing_options_as.xml": .router([.junos], host: nil, sessions: []),
        "routers-2/odl_bgpcep_openconfig_protocols_config.xml": .router([.openconfig], host: nil, sessions: [
            "192.0.2.1 64496", "192.0.2.5 65000", "192.0.2.6 -"], warnings: ["peer-group 'application-peers', which is not in the config"]),
        "routers-2/pyez_factory_get_configuration_zones.xml": .router([.junos], host: nil, sessions: []),
        "routers-2/pyez_get_configuration_bgp_openconfig.xml": .router([.openconfig], host: nil, sessions: ["10.10.0.1 110"],
            warnings: ["peer-group 'OC', which is not in the config"]),
        "routers-2/pyez_get_configuration_firefly.xml": .router([.junos], host: "firefly", sessions: [], interfaces: 2),
        "routers-2/pyez_show_configuration_text_output.xml": .notRouter(.error, "Junos configuration as text (<configuration-information>)"),
        "routers-2/ydk_iosxr_bgp_cfg_42_ibgp_group.xml": .router([.iosxr], host: nil, sessions: ["172.16.255.2 65001"]),
        "routers-2/ydk_iosxr_bgp_cfg_45_ipv6.xml": .router([.iosxr], host: nil, sessions: ["2001:db8:e:1::1 65002"]),
        "routers-2/ydk_iosxr_infra_rsi_vrf_red.xml": .router([.iosxr], host: nil, sessions: [], vrfs: ["RED"], instances: 1),
        "routers-2/ydk_openconfig_bgp_42_ibgp_group.xml": .router([.openconfig], host: nil, sessions: ["172.16.255.2 65001"]),
        "routers-2/ydk_openconfig_bgp_45_ipv6.xml": .router([.openconfig], host: nil, sessions: ["2001:db8:e:1::1 65002"]),
        // arm/ (compiled Bicep: no deployments entry, so each is unscoped, and required parameters stay unresolved)
        "arm/PROVENANCE.md": .notRead,
        "arm/avm-templates/connection.main.json": .arm(["Microsoft.Network/connections": 1], warnings: [unscoped],
            notes: ["'name' of connections", "'virtualNetworkGateway1' of connections"]),
        "arm/avm-templates/express-route-circuit.main.json": .arm(["Microsoft.Network/expressRouteCircuits": 1], warnings: [unscoped],
            notes: ["'name' of expressRouteCircuits", "'location' of expressRouteCircuits"]),
        "arm/avm-templates/express-route-gateway.main.json": .arm(["Microsoft.Network/expressRouteGateways": 1], warnings: [unscoped],
            notes: ["'name' of expressRouteGateways"]),
        "arm/avm-templates/express-route-port.main.json": .arm(["Microsoft.Network/expressRoutePorts": 1], warnings: [unscoped],
            notes: ["'name' of expressRoutePorts", "'bandwidthInGbps' of expressRoutePorts", "'peeringLocation' of expressRoutePorts"]),
        "arm/avm-templates/local-network-gateway.main.json": .arm(["Microsoft.Network/localNetworkGateways": 1], warnings: [unscoped],
            notes: ["'name' of localNetworkGateways", "'localNetworkAddressSpace.addressPrefixes' of localNetworkGateways", "'gatewayIpAddress' of localNetworkGateways"]),
        "arm/avm-templates/route-table.main.json": .arm(["Microsoft.Network/routeTables": 1], warnings: [unscoped], notes: ["'name' of routeTables"]),
        "arm/avm-templates/virtual-network-gateway.main.json": .arm(["Microsoft.Network/virtualNetworkGateways": 1],
            warnings: [unscoped, "'ipConfigurations' is the template expression [variables('ipConfiguration')]"],
            notes: ["'name' of", "'activeActive' of", "'enableBgp' of", "'bgpSettings.asn' of", "'bgpSettings.bgpPeeringAddress' of",
                    "'gatewayType' of", "'sku.name' of", "'sku.tier' of", "'vpnType' of",
                    "copy loop 'publicIPAddress' of Microsoft.Resources/deployments: its count [length(variables('arrayPipNameVar'))] cannot be resolved"]),
    ]

    static func files() throws -> [String] {
        var out: [String] = []
        let base = URL(fileURLWithPath: root)
        guard let walk = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        for case let url as URL in walk where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            out.append(String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1)))
        }
        return out.sorted()
    }

    @Test func everyFileHasAnEntry() throws {
        try #require(FileManager.default.fileExists(atPath: Self.root), "../shared/real-world is missing")
        let found = try Self.files()
        #expect(found.count >= Self.expected.count, "files were removed from ../shared/real-world")
        for f in found { #expect(Self.expected[f] != nil, "\(f) is new: add what a correct reader reports for it to RealWorldCorpusTests.expected") }
        for f in Self.expected.keys { #expect(found.contains(f), "\(f) is no longer in ../shared/real-world") }
    }

    @Test(arguments: expected.keys.sorted())
    func readsAsExpected(_ name: String) throws {
        let path = Self.root + "/" + name
        try #require(FileManager.default.fileExists(atPath: path), "\(name) is missing")
        let expected = try #require(Self.expected[name])
        if case .notRead = expected {
            // As a folder holding it is read: a file neither JSON nor XML is listed, not parsed.
            let estate = EstateLoader.load(paths: [(path as NSString).deletingLastPathComponent], options: .init())
            #expect(estate.skippedFiles.contains { $0.hasSuffix("/" + (name as NSString).lastPathComponent) })
            #expect(estate.diagnostics.contains { $0.location.file.hasSuffix(name) && $0.severity == .note && $0.message.contains("not read") })
            return
        }
        let estate = EstateLoader.load(paths: [path], options: .init())
        let diagnostics = estate.diagnostics
        func only(_ severity: Diagnostic.Severity, _ phrases: [String]) {
            let found = diagnostics.filter { $0.severity == severity }
            for p in phrases { #expect(found.contains { $0.message.contains(p) }, "\(name): no \(severity) saying '\(p)': \(found.map(\.message))") }
            for d in found { #expect(phrases.contains { d.message.contains($0) }, "\(name): unexpected \(severity): \(d.message)") }
        }
        switch expected {
        case .router(let dialects, let host, let sessions, let interfaces, let vrfs, let instances, let warnings):
            let r = try #require(estate.routers.first, "\(name) gave no router: \(diagnostics)")
            #expect(r.dialects == dialects)
            #expect(r.hostName == host)
            #expect(r.sessions.map { "\($0.neighbor)\($0.routingInstance.map { "@" + $0 } ?? "") \($0.peerAS.map(String.init) ?? "-")" } == sessions)
            #expect(r.interfaces.count == interfaces)
            #expect(r.routingInstances.filter(\.hasOwnForwardingTable).map(\.name) == vrfs)
            #expect(r.routingInstances.count == instances)
            only(.error, [])
            only(.warning, warnings)
        case .observedState(let sessions):
            let r = try #require(RouterConfigReader.read(file: path).config, "\(name) gave nothing")
            #expect(r.isObservedStateOnly)
            #expect(r.observedSessions.map { "\($0.neighbor)\($0.routingInstance.map { "@" + $0 } ?? "") \($0.state)" } == sessions)
            #expect(estate.routers.isEmpty)
            only(.error, [])
            only(.warning, ["observed BGP state of \(sessions.count) sessions, none of them configured in a router config read"])
        case .notRouter(let severity, let phrase):
            #expect(estate.routers.isEmpty)
            #expect(diagnostics.contains { $0.severity == severity && $0.message.contains(phrase) }, "\(name): \(diagnostics)")
            #expect(!diagnostics.contains { $0.severity == .error && severity != .error }, "\(name): \(diagnostics)")
        case .arm(let resources, let ignored, let warnings, let notes):
            var counts: [String: Int] = [:]
            for n in estate.graph.nodes { if let r = n.resource { counts[r.typeName, default: 0] += 1 } }
            #expect(counts == resources, "\(name)")
            #expect(estate.ignoredResourceTypes == ignored, "\(name)")
            only(.error, [])
            only(.warning, warnings)
            only(.note, notes)
        case .notRead:
            break
        }
    }

    static func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    /// Field values of the routers/ configs, beyond what the table says.
    @Test func valuesMatchTheFiles() throws {
        let estate = EstateLoader.load(paths: [Self.folder], options: .init())
        func router(_ file: String) throws -> RouterConfig {
            try #require(estate.routers.first { Self.name($0.file) == file })
        }
        func session(_ r: RouterConfig, _ address: String) throws -> BGPSession {
            try #require(r.sessions.first { $0.neighbor.description == address }, "\(address) in \(r.file)")
        }

        let normal = try router("napalm_junos_bgp_config_normal.xml")
        let cdn = try session(normal, "192.168.0.1")
        #expect(cdn.peerAS == 32934 && cdn.importPolicies == ["PUBLIC-PEER-IN"] && cdn.exportPolicies == ["PUBLIC-PEER-OUT"])
        #expect(cdn.localAS == 13335 && cdn.group == "PEERS-GROUP-NAME")

        let nhs = try router("napalm_junos_bgp_config_nhs.xml")
        #expect(try session(nhs, "10.10.10.1").exportPolicies == ["nhs"])
        #expect(try session(nhs, "10.10.10.2").localAS == 65001)

        let policies = try router("napalm_junos_policy_options_nhs.xml")
        #expect(policies.policies.map(\.name) == ["PUBLIC-PEER-OUT", "nhs", "nhs2", "nhs3", "static"])
        #expect(policies.policy(named: "nhs3")?.terms.map(\.action) == [.accept, .nextTerm, .reject, .none, .none])

        let xr = try router("napalm_iosxr_netconf_bgp_cfg_running.xml")
        #expect(xr.localAS == 65172)
        let vrf = try session(xr, "10.0.0.0")
        #expect(vrf.routingInstance == "private" && vrf.peerAS == 65010 && vrf.exportPolicies == ["EBGP-VRF-OUT-POLICY"])
        #expect(try session(xr, "172.16.255.3").peerAS == 65172, "remote-as from neighbor-group IBGP")
        #expect(try session(xr, "2001:db8:cafe::").group == "EBGPv6-VRF")

        let agent = try router("napalm_iosxr_xmlagent_bgp_config_normal.xml")
        #expect(agent.localAS == 13335)
        let ro = try session(agent, "192.168.20.3")
        #expect(ro.peerAS == 9050 && ro.importPolicies == ["4-public-anycast-peers-in"] && ro.description == "Telekom Romania [RO ISP ANYCAST]")

        let ydk = try router("ydk_iosxr_ipv4_bgp_cfg.xml")
        #expect(try session(ydk, "192.168.1.1").peerAS == 65002)
        #expect(try session(ydk, "192.168.1.1").exportPolicies == ["POLICY1"])

        let oc = try router("ydk_openconfig_bgp_peer_group_policy.xml")
        let ocs = try session(oc, "192.168.1.1")
        #expect(ocs.peerAS == 65002 && ocs.localAS == 65001 && ocs.exportPolicies == ["POLICY1"] && ocs.importPolicies == ["POLICY3"])

        let ifmgr = try router("ydk_iosxr_ifmgr_cfg.xml")
        #expect(ifmgr.interfaces.first?.addresses.map(\.description) == ["2001:db8::1:0/127"])
        let acl = try router("ydk_iosxr_ipv4_acl_cfg.xml")
        #expect(acl.prefixList(named: "PREFIX-LIST4")?.prefixes.map(\.description) == ["172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16"])

        let bridge = try router("napalm_junos_routing_instances_bridge.xml")
        #expect(bridge.routingInstances.first?.type == "virtual-switch")
    }
}
