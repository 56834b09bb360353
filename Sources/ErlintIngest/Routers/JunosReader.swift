import ErlintModel

/// Junos `show configuration | display xml`. Namespaces and `junos:` attributes differ between
/// releases and are ignored; `inactive="inactive"` (a deactivated statement) is honoured.
/// Configuration groups (`apply-groups`) are not expanded: export with
/// `show configuration | display inheritance | display xml` to have them applied.
final class JunosReader: DialectReader {
    let dialect = RouterDialect.junos

    private static let rules: PathRule = .children([
        "groups": .stanza,
        "apply-groups": .stanza,
        "system": .children(["host-name": .stanza]),
        "interfaces": .children(["interface": .stanza, "apply-groups": .stanza]),
        "protocols": .children(["bgp": .children(["group": .stanza], other: .stanza), "apply-groups": .stanza]),
        "routing-options": .children([
            "apply-groups": .stanza,
            "autonomous-system": .stanza,
            "rib-groups": .stanza,
            "static": .children(["route": .stanza]),
            "aggregate": .children(["route": .stanza]),
            "generate": .children(["route": .stanza]),
        ]),
        "routing-instances": .children(["instance": .stanza, "apply-groups": .stanza]),
        "policy-options": .children(["prefix-list": .stanza, "policy-statement": .stanza, "route-filter-list": .stanza, "apply-groups": .stanza]),
        "security": .children([
            "ike": .children(["proposal": .stanza, "policy": .stanza, "gateway": .stanza]),
            "ipsec": .children(["proposal": .stanza, "policy": .stanza, "vpn": .stanza]),
            "macsec": .children(["connectivity-association": .stanza, "interfaces": .stanza]),
        ]),
    ])

    private static let top = "configuration"

    /// Statements that, deactivated, are as if not written: lists, routes, AS, crypto. (BGP,
    /// interfaces, instances and policies are kept, marked off, so findings can say so.)
    private static let absentWhenDeactivated = ["system/", "routing-options/", "policy-options/prefix-list", "policy-options/route-filter-list", "security/"]

    func rule(forTop name: String) -> PathRule? {
        name == Self.top ? Self.rules : name == Self.bgpState ? .children(["bgp-peer": .stanza]) : nil
    }

    /// `show bgp neighbor | display xml`: the sessions' observed state.
    static let bgpState = "bgp-information"

    /// Global BGP settings and groups of the main instance; resolved at the end, so statement
    /// order in the file does not matter.
    private var globalBGP = SessionSettings()
    private var groups: [(instance: String?, element: XMLElement, base: SessionSettings)] = []
    private var instanceAS: [String: Int] = [:]
    /// MACsec `interfaces` stanzas: interface → connectivity association.
    private var macsecInterfaces: [(interface: String, association: String)] = []
    /// `instance-import` policies by instance, and rib groups by name with the tables they
    /// import into: resolved once the policies are read.
    private var instanceImports: [(instance: String, policy: String)] = []
    private var ribGroups: [(name: String, tables: [String])] = []
    /// Configuration groups, expanded into each stanza before it is read.
    private let configurationGroups = JunosGroups()

    /// A path below `configuration` (counted in bytes: `dropFirst` walks characters).
    private static func relative(_ path: String) -> Substring {
        let below = path.utf8.index(path.startIndex, offsetBy: top.utf8.count + 1, limitedBy: path.endIndex) ?? path.endIndex
        return path[below...]
    }

    func expand(_ stanza: XMLElement, path: String) -> XMLElement {
        // Junos writes `groups` before every other statement: without them, nothing to do.
        guard !configurationGroups.isEmpty, path.hasPrefix(Self.top + "/") else { return stanza }
        let p = Self.relative(path)
        if p == "groups" || p.hasSuffix("apply-groups") { return stanza }
        return configurationGroups.expand(stanza, path: String(p))
    }

    func read(_ e: XMLElement, path: String, into build: RouterBuild) {
        e.markRead()
        if path == "bgp-information/bgp-peer" {
            readObservedPeer(e, build)
            return
        }
        let relative = Self.relative(path)
        if relative == "groups" {
            configurationGroups.define(e)
            build.keepsStanza = true
            return
        }
        if relative.hasSuffix("apply-groups") {
            configurationGroups.apply(e, at: String(relative.dropLast("apply-groups".count).dropLast()))
            return
        }
        if Self.absentWhenDeactivated.contains(where: { relative.hasPrefix($0) }),
           e.attribute("inactive") != nil || build.deactivatedAncestor != nil {
            // Deactivated, the statement is not there for the router.
            e.markSubtreeRead()
            return
        }
        switch relative {
        case "system/host-name":
            build.config.hostName = e.text
        case "interfaces/interface":
            readInterface(e, build)
        case "protocols/bgp/group":
            // The ancestors' state is known only now; the group is read in `finish`.
            var base = SessionSettings()
            if let up = build.deactivatedAncestor { (base.state, base.stateReason) = (.inactive, "\(up) is deactivated") }
            groups.append((nil, e, base))
            build.keepsStanza = true
        case let p where p.hasPrefix("protocols/bgp/"):
            // A global BGP statement (`local-as`, `export`, `bfd-liveness-detection`…).
            globalBGP = readSetting(e, into: globalBGP, build) ?? globalBGP
            if let up = build.deactivatedAncestor { (globalBGP.state, globalBGP.stateReason) = (.inactive, "\(up) is deactivated") }
        case "routing-options/rib-groups":
            ribGroups.append((e.string("name") ?? "", e.strings("import-rib")))
        case "routing-options/autonomous-system":
            build.config.localAS = build.asNumber(e.child("as-number") ?? e)
        case "routing-instances/instance":
            readInstance(e, build)
        case "routing-options/static/route", "routing-options/aggregate/route", "routing-options/generate/route":
            readConfiguredRoute(e, path: path, instance: nil, build)
        case "policy-options/prefix-list":
            var list = PrefixList(name: e.string("name") ?? "", location: build.location(e))
            for item in e.children("prefix-list-item") where item.attribute("inactive") == nil {
                if let p = build.prefix(item.child("name"), "prefix-list item") { list.entries.append(PrefixRange(exactly: p)) }
            }
            if let path = e.string("apply-path") {
                build.warn(e, "prefix-list \(list.name) is built by apply-path \(path), which erlint does not expand: policies naming it are evaluated both with and without the prefixes it may add")
                list.unreadable.append(UnreadableMatch("prefix-list \(list.name) apply-path \(path)", within: nil, at: build.location(e)))
            }
            build.config.prefixLists.append(list)
        case "policy-options/route-filter-list":
            var list = RouteFilterList(name: e.string("name") ?? "", location: build.location(e))
            for entry in e.children("rf_list") where entry.attribute("inactive") == nil {
                switch routeFilter(entry, build) {
                case .read(let f): list.filters.append(f)
                case .unreadable(let match): list.unreadable.append(match)
                case nil: break
                }
            }
            build.config.routeFilterLists.append(list)
        case "policy-options/policy-statement":
            var policy = readPolicy(e, build)
            if build.deactivatedAncestor != nil { policy.isInactive = true }
            build.config.policies.append(policy)
        case "security/ike/proposal":
            var p = IKEProposal(name: e.string("name") ?? "", location: build.location(e))
            p.encryption = e.string("encryption-algorithm")
            p.integrity = e.string("authentication-algorithm")
            p.dhGroup = e.string("dh-group")
            p.authenticationMethod = e.string("authentication-method")
            build.config.ikeProposals.append(p)
        case "security/ike/policy":
            var p = IKEPolicy(name: e.string("name") ?? "", location: build.location(e))
            p.proposals = e.strings("proposals")
            p.proposalSet = e.string("proposal-set")
            p.mode = e.string("mode")
            e.child("pre-shared-key")?.markSubtreeRead()
            build.config.ikePolicies.append(p)
        case "security/ike/gateway":
            var g = IKEGateway(name: e.string("name") ?? "", location: build.location(e))
            g.policy = e.string("ike-policy")
            g.addresses = e.children("address").compactMap { build.address($0, "IKE gateway address") }
            g.localAddress = build.address(e.child("local-address"), "IKE local address")
            g.externalInterface = e.string("external-interface")
            g.version = e.string("version")
            build.config.ikeGateways.append(g)
        case "security/ipsec/proposal":
            var p = IPsecProposal(name: e.string("name") ?? "", location: build.location(e))
            p.encryption = e.string("encryption-algorithm")
            p.integrity = e.string("authentication-algorithm")
            p.protocolName = e.string("protocol")
            build.config.ipsecProposals.append(p)
        case "security/ipsec/policy":
            var p = IPsecPolicy(name: e.string("name") ?? "", location: build.location(e))
            p.proposals = e.strings("proposals")
            p.proposalSet = e.string("proposal-set")
            p.pfsGroup = e.string("perfect-forward-secrecy", "keys")
            build.config.ipsecPolicies.append(p)
        case "security/ipsec/vpn":
            var t = IPsecTunnel(name: e.string("name") ?? "", location: build.location(e))
            t.bindInterface = e.string("bind-interface")
            t.gateway = e.string("ike", "gateway")
            t.policy = e.string("ike", "ipsec-policy")
            build.config.ipsecTunnels.append(t)
        case "security/macsec/connectivity-association":
            var ca = MACsecAssociation(name: e.string("name") ?? "", location: build.location(e))
            ca.cipherSuite = e.string("cipher-suite")
            ca.securityMode = e.string("security-mode")
            if let key = e.child("pre-shared-key") {
                key.markSubtreeRead()
                ca.hasPreSharedKey = true
            }
            build.config.macsecAssociations.append(ca)
        case "security/macsec/interfaces":
            if let name = e.string("name"), let ca = e.string("connectivity-association") {
                macsecInterfaces.append((name, ca))
            }
        default:
            break
        }
    }

    func finish(into build: RouterBuild) {
        // What groups applied at the top create that the configuration does not write itself.
        for (stanza, path) in configurationGroups.created(walking: Self.rules) {
            read(stanza, path: Self.top + "/" + path, into: build)
        }
        for (instance, group, base) in groups {
            readGroup(group, instance: instance, base: instance == nil ? base.over(globalBGP) : base, build)
        }
        var instanceOf: [String: String] = [:]
        for ri in build.config.routingInstances {
            for i in ri.interfaces { instanceOf[i] = ri.name }
        }
        for i in build.config.interfaces.indices {
            build.config.interfaces[i].routingInstance = instanceOf[build.config.interfaces[i].name]
        }
        resolveLeaking(build)
        for (interface, association) in macsecInterfaces {
            if let i = build.config.macsecAssociations.firstIndex(where: { $0.name == association }) {
                build.config.macsecAssociations[i].interfaces.append(interface)
            }
        }
    }

    // MARK: Route leaking

    /// Instances whose tables one rib group imports into take each other's routes (whichever
    /// protocol uses the group); an `instance-import` policy takes the routes of the instances
    /// its terms name `from instance`, or of any when a term does not say.
    private func resolveLeaking(_ build: RouterBuild) {
        func index(_ name: String) -> Int? { build.config.routingInstances.firstIndex { $0.name == name } }
        for group in ribGroups {
            // `CUST-A.inet.0`: the instance's table; `inet.0` the global one.
            let instances = group.tables.compactMap { t -> String? in
                let parts = t.split(separator: ".")
                return parts.count > 2 ? parts.dropLast(2).joined(separator: ".") : nil
            }
            for a in instances { for b in instances where a != b { if let i = index(a) { build.config.routingInstances[i].takesRoutesFrom.append(b) } } }
        }
        for (instance, name) in instanceImports {
            guard let i = index(instance) else { continue }
            guard let policy = build.config.policy(named: name) else {
                build.config.routingInstances[i].unevaluatedLeaking.append("instance-import policy \(name) of \(instance), which is not in the config")
                continue
            }
            for term in policy.terms where !term.isInactive && term.action != .reject {
                let from = term.opaque.filter { $0.hasPrefix("instance ") }.map { String($0.dropFirst(9)) }
                if from.isEmpty {
                    build.config.routingInstances[i].unevaluatedLeaking.append("instance-import policy \(name) of \(instance) (term \(term.name) names no instance)")
                } else {
                    build.config.routingInstances[i].takesRoutesFrom += from
                }
            }
        }
    }

    // MARK: Observed state

    /// One `bgp-peer` of `show bgp neighbor`: `10.0.0.1+179` is the address and port.
    private func readObservedPeer(_ e: XMLElement, _ build: RouterBuild) {
        e.markSubtreeRead()
        guard let text = e.string("peer-address"), let state = e.string("peer-state") else { return }
        let address = text.split(separator: "+").first.map(String.init) ?? text
        guard let neighbor = IPAddress(address) else {
            build.warn(e, "bgp-peer address '\(text)' is not an IP address; its state is not used")
            return
        }
        let rti = e.string("peer-cfg-rti") ?? e.string("peer-fwd-rti")
        var s = ObservedSession(neighbor: neighbor, routingInstance: rti == nil || rti == "master" ? nil : rti, state: state, location: build.location(e))
        s.bfdState = e.child("bgp-bfd")?.string("bfd-operational-state")
        build.config.observedSessions.append(s)
    }

    // MARK: Interfaces

    private func readInterface(_ e: XMLElement, _ build: RouterBuild) {
        let name = e.string("name") ?? ""
        let off: String? = e.attribute("inactive") != nil ? "interface \(name) is deactivated (line \(e.line))"
            : build.deactivatedAncestor.map { "\($0) is deactivated" }
            ?? (e.has("disable") ? "interface \(name) is disabled (line \(e.child("disable")!.line))" : nil)
        _ = e.child("description")
        _ = e.child("vlan-tagging")
        _ = e.child("flexible-vlan-tagging")
        for unit in e.children("unit") {
            var i = RouterInterface(name: name + "." + (unit.string("name") ?? "0"), location: build.location(unit))
            i.description = unit.string("description")
            if let v = unit.child("vlan-id") { i.vlanID = Int(v.text) }
            if let tags = unit.child("vlan-tags") {
                // `outer 0x88a8.300` carries the TPID before the tag.
                i.outerVLAN = tags.string("outer").flatMap { Int($0.split(separator: ".").last ?? "") }
                i.vlanID = tags.string("inner").flatMap { Int($0.split(separator: ".").last ?? "") }
            }
            i.disabledReason = off ?? (unit.attribute("inactive") != nil ? "unit \(i.name) is deactivated (line \(unit.line))"
                : unit.has("disable") ? "unit \(i.name) is disabled (line \(unit.child("disable")!.line))" : nil)
            i.isDisabled = i.disabledReason != nil
            for family in ["inet", "inet6"] {
                guard let f = unit.child("family")?.child(family), f.attribute("inactive") == nil else { continue }
                for a in f.children("address") where a.attribute("inactive") == nil {
                    if let addr = build.interfaceAddress(a.child("name"), "interface address") { i.addresses.append(addr) }
                }
            }
            build.config.interfaces.append(i)
        }
    }

    // MARK: BGP

    /// One BGP statement at global, group or neighbor level into `settings`; nil if `e` is none.
    private func readSetting(_ e: XMLElement, into settings: SessionSettings, _ build: RouterBuild) -> SessionSettings? {
        var s = settings
        if e.attribute("inactive") != nil && e.name != "neighbor" && e.name != "group" {
            // A deactivated statement (`inactive: bfd-liveness-detection`) is not applied.
            e.markSubtreeRead()
            return s
        }
        switch e.name {
        case "peer-as": s.peerAS = build.asNumber(e)
        case "local-as": s.localAS = build.asNumber(e.child("as-number"))
        case "local-address": s.localAddress = build.address(e, "BGP local address")
        case "import": s.importPolicies = (s.importPolicies ?? []) + [e.text]
        case "export": s.exportPolicies = (s.exportPolicies ?? []) + [e.text]
        case "bfd-liveness-detection":
            e.markSubtreeRead()
            s.bfd = true
        case "authentication-key", "authentication-key-chain":
            s.authentication = true
        case "shutdown": s.state = .shutdown
        case "description": s.description = e.text
        default: return nil
        }
        e.markRead()
        return s
    }

    /// A group's or neighbor's own settings; `what` names it for the reason it is off.
    private func settings(of e: XMLElement, _ what: String, _ build: RouterBuild) -> SessionSettings {
        var s = SessionSettings()
        for child in e.children {
            s = readSetting(child, into: s, build) ?? s
        }
        if e.attribute("inactive") != nil { (s.state, s.stateReason) = (.inactive, "\(what) is deactivated (line \(e.line))") }
        return s
    }

    private func readGroup(_ g: XMLElement, instance: String?, base: SessionSettings, _ build: RouterBuild) {
        let name = g.string("name")
        var groupSettings = settings(of: g, "its group \(name ?? "")", build).over(base)
        if groupSettings.localAS == nil, let instance { groupSettings.localAS = instanceAS[instance] }
        if groupSettings.localAS == nil { groupSettings.localAS = build.config.localAS }
        // An internal group's peers are in the router's own AS.
        if g.string("type") == "internal", groupSettings.peerAS == nil { groupSettings.peerAS = groupSettings.localAS }
        for n in g.children("neighbor") {
            guard let address = build.address(n.child("name"), "BGP neighbor") else { continue }
            let s = settings(of: n, "the neighbor", build).over(groupSettings)
            build.config.sessions.append(s.session(neighbor: address, instance: instance, group: name,
                                                   location: build.location(n)))
        }
    }

    private func readInstance(_ e: XMLElement, _ build: RouterBuild) {
        let name = e.string("name") ?? ""
        var ri = RoutingInstance(name: name, location: build.location(e))
        ri.type = e.string("instance-type")
        // Junos's default type is no-forwarding; only these two keep a forwarding table apart.
        ri.hasOwnForwardingTable = ri.type == "vrf" || ri.type == "virtual-router"
        ri.interfaces = e.children("interface").compactMap { $0.string("name") }
        ri.routeDistinguisher = e.string("route-distinguisher", "rd-type")
        if let t = e.child("vrf-target"), t.attribute("inactive") == nil {
            // `vrf-target target:x:y` imports and exports it; `vrf-target { import …; export …; }` one way each.
            if let c = t.string("community") { ri.importTargets.append(c); ri.exportTargets.append(c) }
            ri.importTargets += t.strings("import")
            ri.exportTargets += t.strings("export")
        }
        for p in e.strings("vrf-import") { ri.unevaluatedLeaking.append("vrf-import policy \(p) of \(name)") }
        for p in e.strings("vrf-export") { ri.unevaluatedLeaking.append("vrf-export policy \(p) of \(name)") }
        if let options = e.child("routing-options") {
            if options.has("auto-export") { ri.unevaluatedLeaking.append("auto-export in \(name)") }
            for p in options.strings("instance-import") { instanceImports.append((name, p)) }
        }
        if let asn = e.child("routing-options")?.child("autonomous-system")?.child("as-number") {
            instanceAS[name] = build.asNumber(asn)
        }
        for kind in ["static", "aggregate", "generate"] {
            for route in e.child("routing-options")?.child(kind)?.children("route") ?? [] {
                readConfiguredRoute(route, path: "routing-options/\(kind)/route", instance: name, build)
            }
        }
        build.config.routingInstances.append(ri)
        guard let bgp = e.child("protocols")?.child("bgp") else { return }
        var base = SessionSettings()
        for child in bgp.children where child.name != "group" {
            base = readSetting(child, into: base, build) ?? base
        }
        if let off = e.attribute("inactive") != nil ? "routing instance \(name) is deactivated (line \(e.line))"
            : build.deactivatedAncestor.map({ "\($0) is deactivated" })
            ?? [e.child("protocols"), bgp].compactMap({ $0 }).first(where: { $0.attribute("inactive") != nil }).map({ "\($0.name) of routing instance \(name) is deactivated (line \($0.line))" }) {
            (base.state, base.stateReason) = (.inactive, off)
        }
        for g in bgp.children("group") { groups.append((name, g, base)) }
        build.keepsStanza = true
    }

    // MARK: Policies

    /// A static, aggregate or generated route (`routing-options`), which `from protocol static`
    /// and the like export.
    private func readConfiguredRoute(_ e: XMLElement, path: String, instance: String?, _ build: RouterBuild) {
        guard e.attribute("inactive") == nil, let prefix = build.prefix(e.child("name"), "configured route") else { return }
        let kind = path.split(separator: "/").dropLast().last.map(String.init) ?? "static"
        e.markSubtreeRead()
        build.config.configuredRoutes.append(ConfiguredRoute(prefix: prefix, protocolName: kind, routingInstance: instance, location: build.location(e)))
    }

    private func readPolicy(_ e: XMLElement, _ build: RouterBuild) -> RoutingPolicy {
        var policy = RoutingPolicy(name: e.string("name") ?? "", location: build.location(e))
        policy.isInactive = e.attribute("inactive") != nil
        for t in e.children("term") {
            policy.terms.append(readTerm(t, name: t.string("name") ?? "", build))
        }
        // `from`/`then` straight under the policy act as a final unnamed term.
        if e.child("from") != nil || e.child("then") != nil || e.child("to") != nil {
            policy.terms.append(readTerm(e, name: "", build))
        }
        return policy
    }

    /// Conditions of a `from` that decide which routes a term matches, read into it; any other
    /// is kept as written, as a condition erlint cannot evaluate.
    private static let routeConditions: Set<String> = ["route-filter", "prefix-list", "prefix-list-filter", "route-filter-list", "protocol", "family"]

    private func readTerm(_ t: XMLElement, name: String, _ build: RouterBuild) -> RoutingPolicy.Term {
        var term = RoutingPolicy.Term(name: name)
        term.location = build.location(t)
        term.isInactive = name.isEmpty ? false : t.attribute("inactive") != nil
        if let from = t.child("from"), from.attribute("inactive") == nil {
            var filters: [PolicyRouteFilter] = []
            for f in from.children("route-filter") where f.attribute("inactive") == nil {
                switch routeFilter(f, build) {
                case .read(let filter): filters.append(filter)
                case .unreadable(let match): term.routes.append(.unreadable(match))
                case nil: break
                }
            }
            if !filters.isEmpty { term.routes.append(.filters(filters)) }
            for list in from.children("prefix-list") where list.attribute("inactive") == nil {
                if let n = list.string("name") { term.routes.append(.prefixList(n)) }
            }
            for list in from.children("prefix-list-filter") where list.attribute("inactive") == nil {
                let match = ["exact", "orlonger", "longer"].first { list.has($0) } ?? list.string("match-type") ?? "exact"
                if let n = list.string("list_name") ?? list.string("name") { term.routes.append(.prefixListFilter(n, match: match)) }
            }
            for list in from.children("route-filter-list") where list.attribute("inactive") == nil {
                list.markSubtreeRead()
                if let n = list.string("name") { term.routes.append(.routeFilterList(n)) }
            }
            term.protocols = from.strings("protocol")
            term.families = from.strings("family")
            for c in from.children where !Self.routeConditions.contains(c.name) && c.attribute("inactive") == nil {
                c.markSubtreeRead()
                term.opaque.append(c.text.isEmpty ? c.name : "\(c.name) \(c.text)")
            }
        }
        if let to = t.child("to"), to.attribute("inactive") == nil {
            to.markSubtreeRead()
            term.opaque.append("to " + to.children.map(\.name).joined(separator: ", "))
        }
        if let then = t.child("then") {
            then.markSubtreeRead()
            term.action = Self.action(of: then) ?? .none
        }
        return term
    }

    /// The flow action among a `then`'s (or a route filter's) children: accept, reject, next term
    /// or policy; nil when it has none (only modifiers).
    private static func action(of e: XMLElement) -> RoutingPolicy.Action? {
        for c in e.children where c.attribute("inactive") == nil {
            switch c.name {
            case "accept": return .accept
            case "reject": return .reject
            case "next": return c.text == "policy" ? .nextPolicy : .nextTerm
            default: continue
            }
        }
        return nil
    }

    /// A `route-filter` (or `route-filter-list` entry): its prefix and match type, as Junos writes
    /// them (`exact`, `orlonger`, `longer`, `upto /24`, `prefix-length-range /16-/24`, `through
    /// 10.1.0.0/24`), and its own action if any.
    private func routeFilter(_ f: XMLElement, _ build: RouterBuild) -> ReadFilter? {
        f.markSubtreeRead()
        guard let p = build.prefix(f.child("address"), "route-filter") else { return nil }
        let width = p.network.bitWidth
        var match = ["exact", "orlonger", "longer"].first { f.has($0) }
        var value: String?
        for kind in ["upto", "prefix-length-range", "through"] where f.child(kind) != nil {
            match = kind
            value = f.string(kind)
        }
        if let ident = f.string("choice-ident") {
            match = ident
            value = f.string("choice-value")
        }
        let routes: [PrefixRange]?
        // Junos requires a match type; a filter without one erlint knows is not guessed at.
        switch match ?? "" {
        case "exact": routes = [PrefixRange(exactly: p)]
        case "orlonger": routes = [PrefixRange(orLonger: p)]
        case "longer": routes = PrefixRange(p, from: p.length + 1, to: width).map { [$0] } ?? []
        case "upto":
            routes = Self.length(value).flatMap { PrefixRange(p, from: p.length, to: $0) }.map { [$0] }
        case "prefix-length-range":
            let bounds = value?.split(separator: "-").compactMap { Self.length(String($0)) } ?? []
            routes = bounds.count == 2 ? PrefixRange(p, from: bounds[0], to: bounds[1]).map { [$0] } : nil
        case "through":
            // The routes on the path from the filter's prefix down to the `through` prefix.
            if let end = value.flatMap({ IPPrefix($0) }), p.contains(end) {
                routes = (p.length...end.length).map { PrefixRange(exactly: IPPrefix(network: end.network, length: $0)) }
            } else {
                routes = nil
            }
        default: routes = nil
        }
        guard let routes else {
            let text = ["route-filter", p.description, match, value].compactMap { $0 }.joined(separator: " ")
            build.warn(f, "\(text) is not a match type erlint reads; the policy is evaluated both with and without the routes it may match")
            return .unreadable(UnreadableMatch(text, within: p, at: build.location(f)))
        }
        return .read(PolicyRouteFilter(prefix: p, routes: routes, action: Self.action(of: f)))
    }

    /// A route filter as read: its routes, or what it says when erlint cannot read its match.
    private enum ReadFilter {
        case read(PolicyRouteFilter)
        case unreadable(UnreadableMatch)
    }

    /// A prefix length written `/24` or `24`.
    private static func length(_ text: String?) -> Int? {
        guard let text else { return nil }
        return Int(text.hasPrefix("/") ? String(text.dropFirst()) : text)
    }
}
