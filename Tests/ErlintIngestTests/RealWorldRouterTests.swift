import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Public router XML from other projects' fixtures (../shared/real-world/routers, see its
/// PROVENANCE.md), read where it lies: every configuration is read with the right dialect and
/// neighbor count, every other file gets a diagnostic that says what it is.
@Suite struct RealWorldRouterTests {
    static let folder = URL(fileURLWithPath: Fixtures.root).deletingLastPathComponent()
        .appendingPathComponent("shared/real-world/routers").path

    /// file → (dialect, BGP neighbors).
    static let configs: [String: (RouterDialect, Int)] = [
        "ansible_junos_bgp_address_family_rpc_reply.xml": (.junos, 0),
        "ansible_junos_bgp_global_rpc_reply.xml": (.junos, 0),
        "ansible_junos_interfaces_rpc_reply.xml": (.junos, 0),
        "ansible_junos_security_policies_rpc_reply.xml": (.junos, 0),
        "ansible_junos_security_zones_rpc_reply.xml": (.junos, 0),
        "napalm_iosxr_netconf_bgp_cfg_running.xml": (.iosxr, 8),
        "napalm_iosxr_xmlagent_bgp_config_normal.xml": (.iosxrXMLAgent, 5),
        "napalm_junos_bgp_config_nhs.xml": (.junos, 2),
        "napalm_junos_bgp_config_no_bgp.xml": (.junos, 0),
        "napalm_junos_bgp_config_normal.xml": (.junos, 2),
        "napalm_junos_policy_options_nhs.xml": (.junos, 0),
        "napalm_junos_routing_instances_bridge.xml": (.junos, 0),
        "ydk_iosxr_ifmgr_cfg.xml": (.iosxr, 0),
        "ydk_iosxr_ipv4_acl_cfg.xml": (.iosxr, 0),
        "ydk_iosxr_ipv4_bgp_cfg.xml": (.iosxr, 1),
        "ydk_openconfig_bgp_peer_group_policy.xml": (.openconfig, 1),
        "ydk_openconfig_routing_policy.xml": (.openconfig, 0),
    ]

    /// Files that hold no configuration erlint reads, and a phrase of their diagnostic.
    static let others: [String: (Diagnostic.Severity, String)] = [
        "napalm_iosxr_netconf_bgp_cfg_no_bgp.xml": (.warning, "no router configuration in this document"),
        "napalm_iosxr_netconf_cli_cfg_running.xml": (.error, "IOS-XR configuration as CLI text"),
        "napalm_iosxr_netconf_oper_bgp_large.xml": (.warning, "IOS-XR operational data"),
        "napalm_iosxr_netconf_oper_interfaces_ip.xml": (.warning, "IOS-XR operational data"),
        "napalm_junos_oper_bgp_neighbor_information_pr581.xml": (.warning, "Junos operational output (<bgp-information>)"),
        "napalm_junos_oper_interface_information_large.xml": (.warning, "Junos operational output (<interface-information>)"),
        "ydk_iosxe_native_interface.xml": (.error, "unrecognised router config dialect, root element native in namespace http://cisco.com/ns/yang/Cisco-IOS-XE-native"),
        "ms-docs-samples.txt": (.note, "not read: neither JSON nor XML"),
        "PROVENANCE.md": (.note, "not read: neither JSON nor XML"),
    ]

    static func name(_ path: String) -> String { (path as NSString).lastPathComponent }

    @Test func everyFileIsReadOrExplained() throws {
        try #require(FileManager.default.fileExists(atPath: Self.folder), "../shared/real-world/routers is missing")
        let estate = EstateLoader.load(paths: [Self.folder], options: .init())
        let listed = try FileManager.default.contentsOfDirectory(atPath: Self.folder)
        #expect(Set(listed) == Set(Self.configs.keys).union(Self.others.keys), "a new file needs an entry here")

        var routers: [String: RouterConfig] = [:]
        for r in estate.routers { routers[Self.name(r.file)] = r }
        for (file, (dialect, neighbors)) in Self.configs {
            let r = try #require(routers[file], "\(file) was not read: \(estate.diagnostics.filter { $0.location.file.hasSuffix(file) })")
            #expect(r.dialects == [dialect], "\(file)")
            #expect(r.sessions.count == neighbors, "\(file)")
            #expect(!estate.diagnostics.contains { $0.severity == .error && $0.location.file.hasSuffix(file) }, "\(file)")
        }
        for (file, (severity, phrase)) in Self.others {
            #expect(routers[file] == nil, "\(file)")
            let mine = estate.diagnostics.filter { Self.name($0.location.file) == file }
            #expect(mine.contains { $0.severity == severity && $0.message.contains(phrase) }, "\(file): \(mine)")
        }
    }

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
        #expect(policies.policy(named: "nhs3")?.terms.map(\.action) == [.accept, .none, .reject, .none, .none])

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
