import ErlintModel

/// Cisco IOS-XR configuration: the native NETCONF YANG models (`Cisco-IOS-XR-ipv4-bgp-cfg`,
/// `Cisco-IOS-XR-ifmgr-cfg` with the `ipv4-io`/`ipv6-ma` address augments, `infra-rsi-cfg`
/// VRFs, `shellutil-cfg` host name, `ipv4-acl-cfg` prefix lists, `policy-repository-cfg` prefix
/// sets and route policies as RPL text, read by `RPLReader`), and the older XML agent's
/// `<Response><Get><Configuration>`, which holds the same BGP model spelled in CamelCase with
/// keys under `<Naming>`. An eBGP neighbor without a route policy exchanges no routes (IOS-XR's
/// default); an iBGP one exchanges them all.
final class IOSXRReader: DialectReader {
    /// Element names of the two spellings.
    struct Spelling {
        var remoteAS, localAS, asHigh, asLow: String
        var description, shutdown, password, bfd, groupMember, updateSource, localAddress: String
        var afTables: [(table: String, entry: String)]
        var afName, activate, policyIn, policyOut: String
    }

    static let native = Spelling(
        remoteAS: "remote-as", localAS: "local-as", asHigh: "as-xx", asLow: "as-yy",
        description: "description", shutdown: "shutdown", password: "password", bfd: "bfd-enable-modes",
        groupMember: "neighbor-group-add-member", updateSource: "update-source-interface", localAddress: "local-address",
        afTables: [("neighbor-afs", "neighbor-af"), ("vrf-neighbor-afs", "vrf-neighbor-af"),
                   ("neighbor-group-afs", "neighbor-group-af")],
        afName: "af-name", activate: "activate", policyIn: "route-policy-in", policyOut: "route-policy-out")

    static let agent = Spelling(
        remoteAS: "RemoteAS", localAS: "LocalAS", asHigh: "AS_XX", asLow: "AS_YY",
        description: "Description", shutdown: "Shutdown", password: "Password", bfd: "BFDEnableModes",
        groupMember: "NeighborGroupAddMember", updateSource: "UpdateSourceInterface", localAddress: "LocalAddress",
        afTables: [("NeighborAFTable", "NeighborAF"), ("VRFNeighborAFTable", "VRFNeighborAF"),
                   ("NeighborGroupAFTable", "NeighborGroupAF")],
        afName: "AFName", activate: "Activate", policyIn: "RoutePolicyIn", policyOut: "RoutePolicyOut")

    let dialect: RouterDialect
    private let spelling: Spelling
    private let tops: [String: PathRule]

    init(dialect: RouterDialect = .iosxr) {
        self.dialect = dialect
        if dialect == .iosxrXMLAgent {
            spelling = Self.agent
            tops = ["Response": .children([
                "Get": .children(["Configuration": .children([
                    "BGP": .children(["Instance": .children([
                        "Naming": .stanza,
                        "InstanceAS": .children([
                            "Naming": .stanza,
                            "FourByteAS": .children([
                                "Naming": .stanza, "BGPRunning": .stanza,
                                "DefaultVRF": .children(["BGPEntity": .children([
                                    "NeighborGroupTable": .children(["NeighborGroup": .stanza]),
                                    "NeighborTable": .children(["Neighbor": .stanza]),
                                ])]),
                                "VRFTable": .children(["VRF": .stanza]),
                            ]),
                        ]),
                    ])]),
                    "InterfaceConfigurationTable": .children(["InterfaceConfiguration": .stanza]),
                ])]),
                "ResultSummary": .stanza,
            ])]
        } else {
            spelling = Self.native
            tops = [
                "bgp": .children(["instance": .children([
                    "instance-name": .stanza,
                    "instance-as": .children([
                        "as": .stanza,
                        "four-byte-as": .children([
                            "as": .stanza, "bgp-running": .stanza,
                            "default-vrf": .children([
                                "bgp-entity": .children([
                                    "neighbor-groups": .children(["neighbor-group": .stanza]),
                                    "neighbors": .children(["neighbor": .stanza]),
                                ]),
                                "global": .stanza,
                            ]),
                            "vrfs": .children(["vrf": .stanza]),
                        ]),
                    ]),
                ])]),
                "interface-configurations": .children(["interface-configuration": .stanza]),
                "host-names": .children(["host-name": .stanza]),
                "ipv4-acl-and-prefix-list": .children(["prefixes": .children(["prefix": .stanza])]),
                "vrfs": .children(["vrf": .stanza]),
                "routing-policy": .children([
                    "route-policies": .children(["route-policy": .stanza]),
                    "sets": .children(["prefix-sets": .children(["prefix-set": .stanza])]),
                ]),
            ]
        }
    }

    /// The route targets of an `import-route-targets` or `export-route-targets` element, as
    /// `ASN:index` or `address:index`.
    static func routeTargets(_ e: XMLElement?) -> [String] {
        guard let e else { return [] }
        e.markSubtreeRead()
        var out: [String] = []
        for rt in e.child("route-targets")?.children("route-target") ?? [] {
            for a in rt.children("as-or-four-byte-as") {
                let high = Int(a.string("as-xx") ?? "0") ?? 0, low = Int(a.string("as") ?? "0") ?? 0
                out.append("\(high * 65536 + low):\(a.string("as-index") ?? "")")
            }
            for a in rt.children("ipv4-address") {
                out.append("\(a.string("address") ?? ""):\(a.string("address-index") ?? "")")
            }
        }
        return out
    }

    /// One neighbor of the operational BGP model: its address, VRF and `connection-state`.
    private func readObservedNeighbor(_ e: XMLElement, _ build: RouterBuild) {
        e.markSubtreeRead()
        guard let address = build.address(e.child("neighbor-address"), "BGP neighbor"), let state = e.string("connection-state") else { return }
        let vrf = e.string("vrf-name")
        build.config.observedSessions.append(ObservedSession(neighbor: address, routingInstance: vrf == nil || vrf == "default" ? nil : vrf,
                                                             state: state, location: build.location(e)))
    }

    func rule(forTop name: String) -> PathRule? {
        name == Self.bgpState ? Self.bgpStateRule : tops[name]
    }

    /// `Cisco-IOS-XR-ipv4-bgp-oper` `bgp`, entered under this name: the sessions' observed state.
    static let bgpState = "bgp-oper"
    private static let neighbors: PathRule = .children(["neighbor": .stanza])
    private static let bgpStateRule: PathRule = .children(["instances": .children(["instance": .children([
        "instance-active": .children([
            "default-vrf": .children(["neighbors": neighbors]),
            "vrfs": .children(["vrf": .children(["neighbors": neighbors])]),
        ]),
    ])])])

    private var asHigh: Int?
    private var asLow: Int?
    private var groups: [String: SessionSettings] = [:]
    private var neighbors: [(vrf: String?, element: XMLElement, address: IPAddress, settings: SessionSettings, group: String?)] = []

    func read(_ e: XMLElement, path: String, into build: RouterBuild) {
        e.markRead()
        if path.hasPrefix(Self.bgpState + "/") {
            readObservedNeighbor(e, build)
            return
        }
        switch path {
        // Native models
        case "host-names/host-name":
            build.config.hostName = e.text
        case "bgp/instance/instance-name", "bgp/instance/instance-as/four-byte-as/bgp-running":
            break
        case "bgp/instance/instance-as/as":
            asHigh = Int(e.text)
        case "bgp/instance/instance-as/four-byte-as/as":
            asLow = Int(e.text)
        case "bgp/instance/instance-as/four-byte-as/default-vrf/bgp-entity/neighbor-groups/neighbor-group":
            if let name = e.string("neighbor-group-name") { groups[name] = settings(e, build) }
            _ = e.child("create")
        case "bgp/instance/instance-as/four-byte-as/default-vrf/bgp-entity/neighbors/neighbor":
            addNeighbor(e, key: e.child("neighbor-address"), vrf: nil, build)
        case "bgp/instance/instance-as/four-byte-as/default-vrf/global":
            if let id = e.child("router-id") { _ = build.address(id, "BGP router-id") }
        case "bgp/instance/instance-as/four-byte-as/vrfs/vrf":
            let name = e.string("vrf-name") ?? ""
            let rd = e.child("vrf-global")?.child("route-distinguisher")
            build.config.routingInstances[instance(name, e, build)].routeDistinguisher = rd.map { d in
                d.markSubtreeRead()
                let parts = ["as-xx", "as", "as-index", "address", "address-index"].compactMap { d.string($0) }
                return parts.joined(separator: ":")
            }
            _ = e.child("vrf-global")?.child("exists")
            for n in e.child("vrf-neighbors")?.children("vrf-neighbor") ?? [] {
                addNeighbor(n, key: n.child("neighbor-address"), vrf: name, build)
            }
        case "vrfs/vrf":
            let name = e.string("vrf-name") ?? ""
            _ = e.child("create")
            let n = instance(name, e, build)
            build.config.routingInstances[n].type = "vrf"
            for af in e.child("afs")?.children("af") ?? [] {
                guard let bgp = af.child("bgp") else { continue }
                build.config.routingInstances[n].importTargets += Self.routeTargets(bgp.child("import-route-targets"))
                build.config.routingInstances[n].exportTargets += Self.routeTargets(bgp.child("export-route-targets"))
                if let p = bgp.string("import-route-policy") { build.config.routingInstances[n].unevaluatedLeaking.append("import route-policy \(p) of VRF \(name)") }
                if let p = bgp.string("export-route-policy") { build.config.routingInstances[n].unevaluatedLeaking.append("export route-policy \(p) of VRF \(name)") }
            }
        case "interface-configurations/interface-configuration":
            readInterface(e, build)
        case "ipv4-acl-and-prefix-list/prefixes/prefix":
            var list = PrefixList(name: e.string("prefix-list-name") ?? "", location: build.location(e))
            for entry in e.child("prefix-list-entries")?.children("prefix-list-entry") ?? [] {
                _ = entry.child("sequence-number")
                guard entry.string("grant") == "permit", let address = entry.child("prefix"),
                      let mask = entry.string("netmask") else { continue }
                guard let n = RouterBuild.prefixLength(netmask: mask), let a = build.address(address, "prefix") else {
                    build.warn(entry, "prefix-list entry netmask '\(mask)' is not a contiguous IPv4 mask; policies using the list are evaluated both with and without it")
                    list.unreadable.append(UnreadableMatch("prefix-list \(list.name) entry with netmask \(mask)", within: nil, at: build.location(entry)))
                    continue
                }
                list.entries.append(PrefixRange(exactly: IPPrefix(network: a, length: n)))
            }
            build.config.prefixLists.append(list)
        case "routing-policy/sets/prefix-sets/prefix-set":
            var list = PrefixList(name: e.string("set-name") ?? "", location: build.location(e))
            if let text = e.child("rpl-prefix-set") {
                var rpl = RPLReader(text: text.text, file: build.file, firstLine: text.line)
                (list.entries, list.unreadable) = rpl.prefixSet { build.warn(text, "prefix-set \(list.name): \($0)") }
            }
            build.config.prefixLists.append(list)
        case "routing-policy/route-policies/route-policy":
            var policy = RoutingPolicy(name: e.string("route-policy-name") ?? "", location: build.location(e))
            if let text = e.child("rpl-route-policy") {
                var rpl = RPLReader(text: text.text, file: build.file, firstLine: text.line)
                policy.rpl = rpl.routePolicy()
            } else {
                policy.rpl = [.unsupported("a route policy with no RPL text", build.location(e))]
            }
            build.config.policies.append(policy)

        // XML agent
        case "Response/Get/Configuration/BGP/Instance/Naming", "Response/Get/Configuration/BGP/Instance/InstanceAS/FourByteAS/BGPRunning":
            e.markSubtreeRead()
        case "Response/Get/Configuration/BGP/Instance/InstanceAS/Naming":
            asHigh = e.string("AS").flatMap { Int($0) }
        case "Response/Get/Configuration/BGP/Instance/InstanceAS/FourByteAS/Naming":
            asLow = e.string("AS").flatMap { Int($0) }
        case "Response/Get/Configuration/BGP/Instance/InstanceAS/FourByteAS/DefaultVRF/BGPEntity/NeighborGroupTable/NeighborGroup":
            if let name = e.string("Naming", "NeighborGroupName") { groups[name] = settings(e, build) }
            _ = e.child("Create")
        case "Response/Get/Configuration/BGP/Instance/InstanceAS/FourByteAS/DefaultVRF/BGPEntity/NeighborTable/Neighbor":
            addNeighbor(e, key: agentAddress(e), vrf: nil, build)
        case "Response/Get/Configuration/BGP/Instance/InstanceAS/FourByteAS/VRFTable/VRF":
            let name = e.string("Naming", "VRFName") ?? ""
            instance(name, e, build)
            let table = e.child("BGPEntity")?.child("NeighborTable") ?? e.child("VRFNeighborTable")
            for n in (table?.children("Neighbor") ?? []) + (table?.children("VRFNeighbor") ?? []) {
                addNeighbor(n, key: agentAddress(n), vrf: name, build)
            }
        case "Response/Get/Configuration/InterfaceConfigurationTable/InterfaceConfiguration":
            readAgentInterface(e, build)
        case "Response/ResultSummary":
            if let count = e.attribute("ErrorCount"), count != "0" {
                build.warn(e, "the IOS-XR XML agent reported \(count) errors in this reply; it may be incomplete")
            }
        default:
            break
        }
    }

    func finish(into build: RouterBuild) {
        let local = RouterBuild.asn(high: asHigh, low: asLow)
        if build.config.localAS == nil { build.config.localAS = local }
        for (vrf, element, address, own, group) in neighbors {
            var base = SessionSettings()
            if let group {
                if let g = groups[group] {
                    base = g
                } else {
                    build.warn(element, "BGP neighbor \(address) is a member of neighbor-group '\(group)', which is not in the config")
                }
            }
            var s = own.over(base)
            if s.localAS == nil { s.localAS = local }
            // Without a route policy an eBGP neighbor exchanges no routes; an iBGP one all.
            let sameAS = s.peerAS != nil && s.peerAS == s.localAS
            s.exportDefault = sameAS ? .acceptLearnedBGP : .reject
            s.importDefault = sameAS ? .acceptAll : .reject
            build.config.sessions.append(s.session(neighbor: address, instance: vrf, group: group,
                                                   location: build.location(element)))
        }
    }

    private func agentAddress(_ e: XMLElement) -> XMLElement? {
        guard let a = e.child("Naming")?.child("NeighborAddress") else { return nil }
        a.markSubtreeRead()
        return a.child("IPV4Address") ?? a.child("IPV6Address")
    }

    private func addNeighbor(_ e: XMLElement, key: XMLElement?, vrf: String?, _ build: RouterBuild) {
        guard let address = build.address(key, "BGP neighbor-address") else {
            if key == nil { build.warn(e, "BGP neighbor without an address; ignored") }
            return
        }
        let group = e.string(spelling.groupMember)
        neighbors.append((vrf, e, address, settings(e, build), group))
        build.keepsStanza = true
    }

    /// The index of the VRF in the build, added if new (the rsi model and BGP both name VRFs).
    @discardableResult
    private func instance(_ name: String, _ e: XMLElement, _ build: RouterBuild) -> Int {
        if let i = build.config.routingInstances.firstIndex(where: { $0.name == name }) { return i }
        build.config.routingInstances.append(RoutingInstance(name: name, location: build.location(e)))
        return build.config.routingInstances.count - 1
    }

    private func twoPartAS(_ e: XMLElement?) -> Int? {
        guard let e else { return nil }
        let high = e.string(spelling.asHigh).flatMap { Int($0) }
        let low = e.string(spelling.asLow).flatMap { Int($0) }
        return RouterBuild.asn(high: high, low: low)
    }

    /// What a neighbor or neighbor group states itself.
    private func settings(_ e: XMLElement, _ build: RouterBuild) -> SessionSettings {
        let n = spelling
        var s = SessionSettings()
        s.peerAS = twoPartAS(e.child(n.remoteAS))
        s.localAS = twoPartAS(e.child(n.localAS))
        s.description = e.string(n.description)
        if let shut = e.child(n.shutdown), shut.text != "false" { s.state = .shutdown }
        if let pw = e.child(n.password) {
            pw.markSubtreeRead()
            s.authentication = true
        }
        if let bfd = e.child(n.bfd) {
            s.bfd = bfd.text.lowercased() != "disable"
        }
        for extra in ["bfd-minimum-interval", "bfd-multiplier", "BFDMinimumInterval", "BFDMultiplier"] { _ = e.child(extra) }
        _ = e.child(n.updateSource)
        if let local = e.child(n.localAddress) {
            local.markSubtreeRead()
            let text = local.child(n.localAddress)?.text ?? local.text
            s.localAddress = IPAddress(text)
        }
        var imports: [String] = []
        var exports: [String] = []
        for (table, entry) in n.afTables {
            for af in e.child(table)?.children(entry) ?? [] {
                _ = af.child(n.afName)
                _ = af.child("Naming")?.child(n.afName)
                _ = af.child(n.activate)
                if let p = af.string(n.policyIn) { imports.append(p) }
                if let p = af.string(n.policyOut) { exports.append(p) }
            }
        }
        if !imports.isEmpty { s.importPolicies = imports }
        if !exports.isEmpty { s.exportPolicies = exports }
        return s
    }

    // MARK: Interfaces

    private func readInterface(_ e: XMLElement, _ build: RouterBuild) {
        var i = RouterInterface(name: e.string("interface-name") ?? "", location: build.location(e))
        i.description = e.string("description")
        i.isDisabled = e.has("shutdown") || e.string("active") == "pre"
        i.routingInstance = e.string("vrf")
        if let v4 = e.child("ipv4-network")?.child("addresses") {
            var entries: [XMLElement] = []
            if let p = v4.child("primary") { entries.append(p) }
            entries += v4.child("secondaries")?.children("secondary") ?? []
            for a in entries {
                guard let address = build.address(a.child("address"), "interface address") else { continue }
                guard let mask = a.string("netmask"), let n = RouterBuild.prefixLength(netmask: mask) else {
                    build.warn(a, "interface address \(address) has no valid netmask; ignored")
                    continue
                }
                i.addresses.append(InterfaceAddress(address: address, prefixLength: n))
            }
        }
        for a in e.descendant(["ipv6-network", "addresses", "regular-addresses"])?.children("regular-address") ?? [] {
            guard let address = build.address(a.child("address"), "interface address") else { continue }
            guard let n = a.string("prefix-length").flatMap({ Int($0) }), n >= 0, n <= 128 else {
                build.warn(a, "interface address \(address) has no valid prefix-length; ignored")
                continue
            }
            i.addresses.append(InterfaceAddress(address: address, prefixLength: n))
        }
        if let tag = e.descendant(["vlan-sub-configuration", "vlan-identifier"]) {
            _ = tag.child("vlan-type")
            // dot1ad: the first tag is the outer one, the second the inner.
            if let inner = tag.string("second-tag").flatMap({ Int($0) }) {
                i.outerVLAN = tag.string("first-tag").flatMap { Int($0) }
                i.vlanID = inner
            } else {
                i.vlanID = tag.string("first-tag").flatMap { Int($0) }
            }
        }
        _ = e.child("interface-virtual")
        _ = e.child("interface-mode-non-physical")
        build.config.interfaces.append(i)
    }

    private func readAgentInterface(_ e: XMLElement, _ build: RouterBuild) {
        let naming = e.child("Naming")
        naming?.markSubtreeRead()
        var i = RouterInterface(name: naming?.string("InterfaceName") ?? "", location: build.location(e))
        i.description = e.string("Description")
        i.isDisabled = e.has("Shutdown")
        i.routingInstance = e.string("VRF")
        if let primary = e.descendant(["IPV4Network", "Addresses", "Primary"]),
           let address = build.address(primary.child("Address"), "interface address"),
           let mask = primary.string("Netmask"), let n = RouterBuild.prefixLength(netmask: mask) {
            i.addresses.append(InterfaceAddress(address: address, prefixLength: n))
        }
        build.config.interfaces.append(i)
    }
}
