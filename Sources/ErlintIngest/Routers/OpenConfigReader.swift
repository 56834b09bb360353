import ErlintModel

/// OpenConfig models in a NETCONF reply: `openconfig-interfaces`, `openconfig-network-instance`
/// (with BGP inside its protocols, or its `protocols` container alone, as OpenDaylight keeps it),
/// a top-level `openconfig-bgp`, `openconfig-routing-policy` and the system host name. Keys are
/// read from the list entry or its `config` container, whichever is present; `state` containers
/// (operational data) are not read. BGP is read by its OpenConfig structure whatever namespace it
/// carries: OpenDaylight puts it in an extension namespace of its own.
final class OpenConfigReader: DialectReader {
    let dialect = RouterDialect.openconfig

    private static let tops: [String: PathRule] = [
        "interfaces": .children(["interface": .stanza]),
        "network-instances": .children(["network-instance": .stanza]),
        "protocols": .children(["protocol": .stanza]),
        "network-instance": .stanza,
        "bgp": .children([
            "global": .stanza,
            "neighbors": .children(["neighbor": .stanza]),
            "peer-groups": .children(["peer-group": .stanza]),
        ]),
        "routing-policy": .children([
            "defined-sets": .children(["prefix-sets": .children(["prefix-set": .stanza])]),
            "policy-definitions": .children(["policy-definition": .stanza]),
        ]),
        "system": .children(["config": .children(["hostname": .stanza])]),
    ]

    func rule(forTop name: String) -> PathRule? { Self.tops[name] }

    /// BGP pieces by instance (nil: the default instance), resolved at the end.
    private var globalAS: [String?: Int] = [:]
    private var globalSettings: [String?: SessionSettings] = [:]
    /// Network instances or BGP protocol entries with `enabled false`, and which.
    private var disabled: [String?: String] = [:]
    private var peerGroups: [String?: [String: SessionSettings]] = [:]
    private var neighbors: [(instance: String?, element: XMLElement, settings: SessionSettings, group: String?)] = []
    private var instanceOf: [String: String] = [:]

    func read(_ e: XMLElement, path: String, into build: RouterBuild) {
        e.markRead()
        switch path {
        case "system/config/hostname":
            build.config.hostName = e.text
        case "interfaces/interface":
            readInterface(e, build)
        case "network-instances/network-instance", "network-instance":
            readInstance(e, build)
        case "protocols/protocol":
            // The default instance's protocols, exported alone.
            readProtocol(e, instance: nil, build)
        case "bgp/global":
            readGlobal(e, instance: nil, build)
        case "bgp/neighbors/neighbor":
            readNeighbor(e, instance: nil, build)
        case "bgp/peer-groups/peer-group":
            readPeerGroup(e, instance: nil, build)
        case "routing-policy/defined-sets/prefix-sets/prefix-set":
            var list = PrefixList(name: key(e, "name") ?? "", location: build.location(e))
            _ = e.child("config")?.child("mode")
            for p in e.child("prefixes")?.children("prefix") ?? [] {
                let range = p.child("config")?.child("masklength-range") ?? p.child("masklength-range")
                _ = p.child("masklength-range")
                _ = p.child("ip-prefix")
                guard let prefix = build.prefix(p.child("config")?.child("ip-prefix") ?? p.child("ip-prefix"), "prefix-set entry") else { continue }
                if let entry = Self.masklengthRange(prefix, range?.text) {
                    list.entries.append(entry)
                } else {
                    build.warn(range ?? p, "prefix-set \(list.name) entry \(prefix) has masklength-range '\(range?.text ?? "")', not 'exact' or 'N..M'; policies using the set are evaluated both with and without it")
                    list.unreadable.append(UnreadableMatch("prefix-set \(list.name) entry \(prefix) masklength-range \(range?.text ?? "")", within: prefix, at: build.location(range ?? p)))
                }
            }
            build.config.prefixLists.append(list)
        case "routing-policy/policy-definitions/policy-definition":
            build.config.policies.append(readPolicy(e, build))
        default:
            break
        }
    }

    func finish(into build: RouterBuild) {
        for (instance, element, own, group) in neighbors {
            guard let address = build.address(element.child("neighbor-address") ?? element.child("config")?.child("neighbor-address"),
                                              "BGP neighbor-address") else { continue }
            var base = SessionSettings()
            if let group {
                if let g = peerGroups[instance]?[group] {
                    base = g
                } else {
                    build.warn(element, "BGP neighbor \(address) names peer-group '\(group)', which is not in the config")
                }
            }
            var s = own.over(base).over(globalSettings[instance] ?? SessionSettings())
            if let off = disabled[instance] { (s.state, s.stateReason) = (.shutdown, off) }
            // OpenConfig rejects what no policy decides unless told otherwise.
            if s.importDefault == nil { s.importDefault = .reject }
            if s.exportDefault == nil { s.exportDefault = .reject }
            if s.localAS == nil { s.localAS = globalAS[instance] ?? globalAS[nil] }
            // An internal peer is in the router's own AS.
            if s.peerAS == nil, own.isInternalPeer ?? base.isInternalPeer ?? false { s.peerAS = s.localAS }
            build.config.sessions.append(s.session(neighbor: address, instance: instance, group: group,
                                                   location: build.location(element)))
        }
        for i in build.config.interfaces.indices {
            build.config.interfaces[i].routingInstance = instanceOf[build.config.interfaces[i].name]
        }
        if build.config.localAS == nil { build.config.localAS = globalAS[nil] }
    }

    /// A list key, from the entry itself or its `config` container.
    private func key(_ e: XMLElement, _ name: String) -> String? {
        let direct = e.string(name)
        let configured = e.child("config")?.string(name)
        return direct ?? configured
    }

    private static func logicalName(_ interface: String, _ index: String?) -> String {
        guard let index, index != "0" else { return interface }
        return interface + "." + index
    }

    // MARK: Interfaces

    private func readInterface(_ e: XMLElement, _ build: RouterBuild) {
        let name = key(e, "name") ?? ""
        let config = e.child("config")
        let disabled = config?.string("enabled") == "false"
        _ = config?.child("description")
        _ = config?.child("type")
        for sub in e.child("subinterfaces")?.children("subinterface") ?? [] {
            let index = key(sub, "index")
            var i = RouterInterface(name: Self.logicalName(name, index), location: build.location(sub))
            let subConfig = sub.child("config")
            i.description = subConfig?.string("description")
            i.isDisabled = disabled || subConfig?.string("enabled") == "false"
            if let vlan = sub.child("vlan") {
                let id = vlan.descendant(["config", "vlan-id"])
                    ?? vlan.descendant(["match", "single-tagged", "config", "vlan-id"])
                i.vlanID = id.flatMap { Int($0.text) }
                if let double = vlan.descendant(["match", "double-tagged", "config"]) {
                    i.outerVLAN = double.string("outer-vlan-id").flatMap { Int($0) }
                    i.vlanID = double.string("inner-vlan-id").flatMap { Int($0) }
                }
            }
            for family in ["ipv4", "ipv6"] {
                for a in sub.child(family)?.child("addresses")?.children("address") ?? [] {
                    let ip = a.child("config")?.child("ip") ?? a.child("ip")
                    _ = a.child("ip")
                    guard let address = build.address(ip, "interface address") else { continue }
                    guard let lengthText = a.child("config")?.string("prefix-length"), let n = Int(lengthText),
                          n >= 0, n <= address.bitWidth else {
                        build.warn(a, "interface address \(address) has no valid config/prefix-length; ignored")
                        continue
                    }
                    i.addresses.append(InterfaceAddress(address: address, prefixLength: n))
                }
            }
            build.config.interfaces.append(i)
        }
    }

    // MARK: Network instances and BGP

    private func readInstance(_ e: XMLElement, _ build: RouterBuild) {
        let name = key(e, "name") ?? ""
        let type = e.child("config")?.string("type")
        let isDefault = name.lowercased() == "default" || (type?.hasSuffix("DEFAULT_INSTANCE") ?? false)
        let instance: String? = isDefault ? nil : name
        if !isDefault {
            var ri = RoutingInstance(name: name, location: build.location(e))
            ri.type = type.map { $0.split(separator: ":").last.map(String.init) ?? $0 }
            // L2VSI, L2P2P and L2L3 instances switch frames; an untyped instance is taken as a VRF.
            ri.hasOwnForwardingTable = ri.type.map { $0 == "L3VRF" } ?? true
            ri.routeDistinguisher = e.child("config")?.string("route-distinguisher")
            // Route targets travel in inter-instance policies, which match and set extended
            // communities erlint does not evaluate.
            if let apply = e.child("inter-instance-policies")?.child("apply-policy")?.child("config") {
                for p in apply.strings("import-policy") { ri.unevaluatedLeaking.append("inter-instance import-policy \(p) of \(name)") }
                for p in apply.strings("export-policy") { ri.unevaluatedLeaking.append("inter-instance export-policy \(p) of \(name)") }
            }
            for i in e.child("interfaces")?.children("interface") ?? [] {
                _ = i.child("id")
                let c = i.child("config")
                _ = c?.child("id")
                guard let interface = c?.string("interface") else { continue }
                let logical = Self.logicalName(interface, c?.string("subinterface"))
                ri.interfaces.append(logical)
                instanceOf[logical] = name
            }
            build.config.routingInstances.append(ri)
        }
        if e.child("config")?.string("enabled") == "false" {
            disabled[instance] = "network instance \(name) is disabled (line \(e.line))"
        }
        for p in e.child("protocols")?.children("protocol") ?? [] { readProtocol(p, instance: instance, build) }
    }

    /// One entry of a network instance's `protocols`: its BGP, if it is BGP.
    private func readProtocol(_ p: XMLElement, instance: String?, _ build: RouterBuild) {
        _ = p.child("identifier")
        _ = p.child("name")
        _ = p.child("config")
        guard let bgp = p.child("bgp") else { return }
        if p.child("config")?.string("enabled") == "false", disabled[instance] == nil {
            disabled[instance] = "its BGP protocol is disabled (line \(p.line))"
        }
        if let g = bgp.child("global") { readGlobal(g, instance: instance, build) }
        for g in bgp.child("peer-groups")?.children("peer-group") ?? [] { readPeerGroup(g, instance: instance, build) }
        for n in bgp.child("neighbors")?.children("neighbor") ?? [] { readNeighbor(n, instance: instance, build) }
    }

    private func readGlobal(_ e: XMLElement, instance: String?, _ build: RouterBuild) {
        if let asn = e.child("config")?.child("as") { globalAS[instance] = build.asNumber(asn) }
        _ = e.child("config")?.child("router-id")
        // The instance's apply-policy: what its peer groups and neighbors inherit.
        globalSettings[instance] = settings(e, build)
    }

    private func readPeerGroup(_ e: XMLElement, instance: String?, _ build: RouterBuild) {
        guard let name = key(e, "peer-group-name") else { return }
        peerGroups[instance, default: [:]][name] = settings(e, build)
    }

    private func readNeighbor(_ e: XMLElement, instance: String?, _ build: RouterBuild) {
        let group = e.child("config")?.string("peer-group").map(Self.peerGroupName)
        neighbors.append((instance, e, settings(e, build), group))
        build.keepsStanza = true
    }

    /// A neighbor's `peer-group`: the group's name, or an instance identifier naming it
    /// (`/bgp/peer-groups/peer-group[peer-group-name="X"]`, as OpenDaylight writes it).
    static func peerGroupName(_ text: String) -> String {
        guard text.hasPrefix("/"), let key = text.range(of: "peer-group-name=", options: .backwards) else { return text }
        var name = text[key.upperBound...]
        if let quote = name.first, quote == "\"" || quote == "'" {
            name = name.dropFirst()
            if let close = name.firstIndex(of: quote) { name = name[..<close] }
        } else if let close = name.firstIndex(of: "]") {
            name = name[..<close]
        }
        return String(name)
    }

    /// The settings a neighbor or peer group states itself.
    private func settings(_ e: XMLElement, _ build: RouterBuild) -> SessionSettings {
        var s = SessionSettings()
        if let c = e.child("config") {
            s.peerAS = build.asNumber(c.child("peer-as"))
            s.localAS = build.asNumber(c.child("local-as"))
            s.description = c.string("description")
            if c.string("enabled") == "false" { s.state = .shutdown }
            if c.child("auth-password") != nil { s.authentication = true }
            if let type = c.string("peer-type") { s.isInternalPeer = type.hasSuffix("INTERNAL") && !type.hasSuffix("EXTERNAL") }
        }
        if let local = e.descendant(["transport", "config", "local-address"]) {
            // May name an interface (Loopback0) instead of an address.
            s.localAddress = IPAddress(local.text)
        }
        var imports: [String] = []
        var exports: [String] = []
        var policies = [e.child("apply-policy")]
        for af in e.child("afi-safis")?.children("afi-safi") ?? [] {
            _ = af.child("afi-safi-name")
            _ = af.child("config")?.child("afi-safi-name")
            _ = af.child("config")?.child("enabled")
            policies.append(af.child("apply-policy"))
        }
        for p in policies.compactMap({ $0?.child("config") }) {
            imports += p.strings("import-policy")
            exports += p.strings("export-policy")
            if let d = Self.chainDefault(p.string("default-import-policy")) { s.importDefault = d }
            if let d = Self.chainDefault(p.string("default-export-policy")) { s.exportDefault = d }
        }
        if !imports.isEmpty { s.importPolicies = imports }
        if !exports.isEmpty { s.exportPolicies = exports }
        if let bfd = e.descendant(["enable-bfd", "config", "enabled"]) ?? e.descendant(["bfd", "config", "enabled"]) {
            s.bfd = bfd.text == "true"
        }
        return s
    }

    /// An OpenConfig prefix-set entry's routes: `exact` (or none), or `N..M`.
    static func masklengthRange(_ prefix: IPPrefix, _ text: String?) -> PrefixRange? {
        guard let text, text != "exact" else { return PrefixRange(exactly: prefix) }
        let bounds = text.components(separatedBy: "..").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard bounds.count == 2 else { return nil }
        return PrefixRange(prefix, from: bounds[0], to: bounds[1])
    }

    // MARK: Policies

    /// Statements in order: `match-prefix-set` (ANY, or INVERT) decides the routes, any other
    /// condition is one erlint cannot evaluate; `policy-result` ACCEPT_ROUTE, REJECT_ROUTE or
    /// NEXT_STATEMENT (none: on to the next statement).
    private func readPolicy(_ e: XMLElement, _ build: RouterBuild) -> RoutingPolicy {
        var policy = RoutingPolicy(name: key(e, "name") ?? "", location: build.location(e))
        for st in e.child("statements")?.children("statement") ?? [] {
            var term = RoutingPolicy.Term(name: key(st, "name") ?? "")
            term.location = build.location(st)
            if let conditions = st.child("conditions") {
                for c in conditions.children {
                    c.markSubtreeRead()
                    if c.name == "match-prefix-set" {
                        let config = c.child("config") ?? c
                        guard let set = config.string("prefix-set") else { continue }
                        let option = config.string("match-set-options") ?? "ANY"
                        term.routes.append(.prefixSet(set, inverted: option.hasSuffix("INVERT")))
                    } else if c.name != "config" {
                        term.opaque.append(c.name)
                    }
                }
            }
            if let actions = st.child("actions") {
                actions.markSubtreeRead()
                let c = actions.child("config")
                let result = c?.string("policy-result")
                if result == "ACCEPT_ROUTE" || c?.has("accept-route") == true || actions.has("accept-route") {
                    term.action = .accept
                } else if result == "REJECT_ROUTE" || c?.has("reject-route") == true || actions.has("reject-route") {
                    term.action = .reject
                } else if result == "NEXT_STATEMENT" {
                    term.action = .nextTerm
                }
            }
            policy.terms.append(term)
        }
        return policy
    }

    /// `default-import-policy` / `default-export-policy` (ACCEPT_ROUTE or REJECT_ROUTE).
    static func chainDefault(_ text: String?) -> ChainDefault? {
        guard let text else { return nil }
        return text.hasSuffix("ACCEPT_ROUTE") ? .acceptAll : text.hasSuffix("REJECT_ROUTE") ? .reject : nil
    }
}
