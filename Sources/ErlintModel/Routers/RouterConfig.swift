/// The XML dialect a router config was exported in. A NETCONF reply may carry several models
/// (IOS-XR returns its native models and OpenConfig side by side), so a config has a set.
public enum RouterDialect: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// `show configuration | display xml` (or NETCONF `<get-configuration>`).
    case junos
    /// OpenConfig YANG models (`http://openconfig.net/yang/...`) in NETCONF `<data>`/`<config>`.
    case openconfig
    /// Cisco IOS-XR native YANG models (`Cisco-IOS-XR-*-cfg`) in NETCONF `<data>`/`<config>`.
    case iosxr
    /// The older IOS-XR XML agent (`<Response><Get><Configuration>`), CamelCase elements.
    case iosxrXMLAgent = "iosxr-xml-agent"

    public static func < (lhs: RouterDialect, rhs: RouterDialect) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One router's configuration, as far as erlint audits it: where the circuits land (interfaces,
/// BGP sessions, routing instances), what it announces (policies, prefix lists) and how it
/// encrypts (IKE/IPsec, MACsec). Secrets (keys, CAKs, passwords) are never kept: only whether
/// they are set.
public struct RouterConfig: Sendable {
    /// The name erlint uses: the config's host name, else the manifest's name for the file, else
    /// the file name without its extension.
    public var name: String
    /// The host name written in the config, if any.
    public var hostName: String?
    public var file: String
    public var dialects: [RouterDialect] = []
    /// The document's root element, for findings about the router as a whole.
    public var location: SourceLocation
    /// The router's own AS number (global), when the config states it.
    public var localAS: Int?
    public var interfaces: [RouterInterface] = []
    public var sessions: [BGPSession] = []
    /// BGP session state as the router reported it (Junos `show bgp neighbor | display xml`,
    /// IOS-XR `Cisco-IOS-XR-ipv4-bgp-oper`), when the user collected it.
    public var observedSessions: [ObservedSession] = []
    public var routingInstances: [RoutingInstance] = []
    public var prefixLists: [PrefixList] = []
    public var routeFilterLists: [RouteFilterList] = []
    public var policies: [RoutingPolicy] = []
    /// Static, aggregate and generated routes the config creates.
    public var configuredRoutes: [ConfiguredRoute] = []
    public var ikeProposals: [IKEProposal] = []
    public var ikePolicies: [IKEPolicy] = []
    public var ikeGateways: [IKEGateway] = []
    public var ipsecProposals: [IPsecProposal] = []
    public var ipsecPolicies: [IPsecPolicy] = []
    public var ipsecTunnels: [IPsecTunnel] = []
    public var macsecAssociations: [MACsecAssociation] = []
    /// Crypto models the config holds that erlint does not read ("the IOS-XR model
    /// Cisco-IOS-XR-ikev2-cfg"): the encryption rules say they could not check them.
    public var unreadCrypto: [String] = []
    /// Elements in the file, and how many of them no reader understood (so `inventory` can say how
    /// much of a file was read).
    public var elementCount = 0
    public var skippedElements = 0

    public init(name: String, file: String, location: SourceLocation) {
        self.name = name
        self.file = file
        self.location = location
    }

    public var dialectName: String { dialects.map(\.rawValue).joined(separator: "+") }

    /// A document that holds only observed BGP state, to be joined to the config of its router.
    public var isObservedStateOnly: Bool {
        !observedSessions.isEmpty && sessions.isEmpty && interfaces.isEmpty && routingInstances.isEmpty && policies.isEmpty
    }

    /// The observed state of a configured session: same neighbor, same routing instance.
    public func observed(_ session: BGPSession) -> ObservedSession? {
        observedSessions.first { $0.neighbor == session.neighbor && $0.routingInstance == session.routingInstance }
    }

    /// The interfaces a session's neighbor is on: those of the session's routing instance with
    /// an address in a subnet that holds the neighbor.
    public func interfaces(reaching session: BGPSession) -> [RouterInterface] {
        interfaces.filter { i in
            i.routingInstance == session.routingInstance && i.addresses.contains { $0.prefix.contains(session.neighbor) }
        }
    }

    /// The VLAN of the interface a session's neighbor is on, when there is one such VLAN.
    public func vlan(reaching session: BGPSession) -> Int? {
        let vlans = Set(interfaces(reaching: session).compactMap(\.vlanID))
        return vlans.count == 1 ? vlans.first : nil
    }

    public func prefixList(named name: String) -> PrefixList? { prefixLists.first { $0.name == name } }
    public func policy(named name: String) -> RoutingPolicy? { policies.first { $0.name == name } }

}

/// A logical interface (Junos unit, OpenConfig subinterface, IOS-XR sub-interface) with the
/// addresses that may sit in a circuit's /30 or /126.
public struct RouterInterface: Sendable, Hashable {
    /// `ae0.100`, `Ethernet1.100`, `Bundle-Ether1.100`.
    public var name: String
    public var description: String?
    /// The VLAN, or with two tags (QinQ) the inner one.
    public var vlanID: Int?
    /// The outer (S-)tag of a double-tagged interface.
    public var outerVLAN: Int?
    /// Addresses with their prefix length (`172.16.0.1/30` keeps the host bits).
    public var addresses: [InterfaceAddress] = []
    /// The VRF the interface is in; nil for the global table.
    public var routingInstance: String?
    /// Disabled, shut down or deactivated in the config.
    public var isDisabled = false
    /// How, when it is: "disable", "deactivated", "its interface ge-0/0/1 is disabled"…
    public var disabledReason: String?
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

/// An address configured on an interface, e.g. `172.16.0.1/30`.
public struct InterfaceAddress: Sendable, Hashable, CustomStringConvertible {
    public var address: IPAddress
    public var prefixLength: Int
    public init(address: IPAddress, prefixLength: Int) {
        self.address = address
        self.prefixLength = prefixLength
    }
    public var prefix: IPPrefix { IPPrefix(network: address, length: prefixLength) }
    public var description: String { "\(address)/\(prefixLength)" }
}

/// A BGP neighbor as the router runs it: the neighbor's own settings over its group's over the
/// global ones, resolved by the dialect reader the way the router itself would.
public struct BGPSession: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, Codable {
        case active
        /// `shutdown` / `enabled false`: configured but administratively down.
        case shutdown
        /// Junos `inactive:` (deactivated): in the config, ignored by the router.
        case inactive
        /// Configured and enabled, but the only interface that reaches the neighbor is
        /// disabled or deactivated: the session cannot come up.
        case interfaceDown = "down"
    }
    public var neighbor: IPAddress
    /// nil for the global table (Junos master, OpenConfig `DEFAULT`, IOS-XR default VRF).
    public var routingInstance: String?
    public var group: String?
    public var description: String?
    public var peerAS: Int?
    public var localAS: Int?
    public var localAddress: IPAddress?
    public var importPolicies: [String] = []
    public var exportPolicies: [String] = []
    /// What the chains do with routes no policy decides (`ChainDefault`): set by the dialect.
    public var exportDefault: ChainDefault = .acceptLearnedBGP
    public var importDefault: ChainDefault = .acceptAll
    public var bfd = false
    /// A key, key chain or password is set (the secret itself is not kept).
    public var authentication = false
    public var state: State = .active
    /// Why a session that is not active is so, where the config says more than its state:
    /// "its group OLD is deactivated (line 40)", "its interface xe-0/0/0.100 is disabled".
    public var stateReason: String?
    public var location: SourceLocation

    public init(neighbor: IPAddress, location: SourceLocation) {
        self.neighbor = neighbor
        self.location = location
    }

    /// "is inactive: its group OLD is deactivated (line 40)", for messages.
    public var describeState: String {
        "is \(state.rawValue)" + (stateReason.map { ": \($0)" } ?? "")
    }

    /// "edge-1 neighbor 172.16.0.2 in VRF-A", for messages.
    public func describe(on router: String) -> String {
        "\(router) neighbor \(neighbor)" + (routingInstance.map { " in \($0)" } ?? "")
    }
}

/// A VRF (Junos routing instance, OpenConfig network instance, IOS-XR VRF). On a CSP router
/// connect-through customers each get one; two customers in one is a segregation failure.
public struct RoutingInstance: Sendable, Hashable {
    public var name: String
    /// `vrf`, `virtual-router`, `L3VRF`…, as the config says.
    public var type: String?
    public var interfaces: [String] = []
    public var routeDistinguisher: String?
    /// Whether the instance forwards with a table of its own (a VRF, a Junos `virtual-router`, an
    /// OpenConfig `L3VRF`, an IOS-XR VRF), which is what keeps one customer's routes from
    /// another's. A Junos `forwarding` or `no-forwarding` instance installs its routes in the
    /// main table, and a `virtual-switch` or VPLS instance is layer 2: none is a customer VRF.
    public var hasOwnForwardingTable = true
    /// Route targets the instance imports and exports (`target:64500:1`, `64500:1`), as written
    /// (Junos `vrf-target`, IOS-XR import/export route targets).
    public var importTargets: [String] = []
    public var exportTargets: [String] = []
    /// Other instances whose routes this one takes directly (a Junos rib group importing into
    /// both, an `instance-import` policy `from instance`).
    public var takesRoutesFrom: [String] = []
    /// What moves routes in or out that erlint does not evaluate (`vrf-import` policy X,
    /// `auto-export`, OpenConfig inter-instance policies), each as written.
    public var unevaluatedLeaking: [String] = []
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }

    /// Whether this instance takes routes from `other`: a route target `other` exports that
    /// this one imports, or a direct import. Nil when it could be through what erlint does not
    /// evaluate.
    public func takesRoutes(from other: RoutingInstance) -> (Bool?, String) {
        if takesRoutesFrom.contains(other.name) { return (true, "\(name) imports \(other.name)'s routes directly") }
        let shared = Set(other.exportTargets.map(Self.target)).intersection(importTargets.map(Self.target))
        if let t = shared.sorted().first { return (true, "\(other.name) exports route target \(t), which \(name) imports") }
        let unknown = unevaluatedLeaking + other.unevaluatedLeaking
        if !unknown.isEmpty { return (nil, unknown.joined(separator: "; ")) }
        return (false, "")
    }

    /// A route target without its `target:` prefix: Junos writes one, IOS-XR does not.
    public static func target(_ text: String) -> String {
        text.lowercased().hasPrefix("target:") ? String(text.dropFirst(7)) : text
    }
}

/// A BGP session as the router reported it: its neighbor, routing instance and state, as the
/// vendor writes it (`Established`, `Active`, `bgp-st-estab`, `bgp-st-idle`…).
public struct ObservedSession: Sendable, Hashable {
    public var neighbor: IPAddress
    /// nil for the global table (Junos `master`, IOS-XR `default`).
    public var routingInstance: String?
    public var state: String
    /// BFD's operational state where the output has it (`up`, `down`).
    public var bfdState: String?
    public var location: SourceLocation

    public init(neighbor: IPAddress, routingInstance: String?, state: String, location: SourceLocation) {
        self.neighbor = neighbor
        self.routingInstance = routingInstance
        self.state = state
        self.location = location
    }

    /// Whether the session was up: Junos `Established`, IOS-XR `bgp-st-estab`.
    public var isEstablished: Bool {
        let s = state.lowercased()
        return s == "established" || s == "bgp-st-estab"
    }
}
