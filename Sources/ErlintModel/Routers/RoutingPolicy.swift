/// A named list of prefixes (Junos prefix-list, OpenConfig prefix-set, IOS-XR prefix-set or
/// prefix-list), each entry the routes it matches: a Junos list matches its prefixes exactly, an
/// OpenConfig entry its `masklength-range`, an IOS-XR entry its `ge`/`le`/`eq` lengths.
public struct PrefixList: Sendable, Hashable {
    public var name: String
    public var entries: [PrefixRange] = []
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }

    /// Entries erlint could not read or expand (a Junos `apply-path`).
    public var unreadable: [UnreadableMatch] = []

    /// The entries' prefixes.
    public var prefixes: [IPPrefix] { entries.map(\.prefix) }
}

/// A match erlint could not read (a match type it does not know, a list built by `apply-path`),
/// as written: it matches some routes inside `within` (any route when nil), which ones erlint
/// cannot tell, so a policy using it is evaluated both with and without them.
public struct UnreadableMatch: Sendable, Hashable {
    public var text: String
    public var within: IPPrefix?
    public var location: SourceLocation?

    public init(_ text: String, within: IPPrefix?, at location: SourceLocation?) {
        self.text = text
        self.within = within
        self.location = location
    }
}

/// A Junos route filter: the routes it matches, and the action it takes itself, if any
/// (`route-filter 0.0.0.0/0 exact reject`). Among a term's filters, the one with the longest
/// prefix containing a route decides whether the route matches (Juniper's longest-match
/// evaluation of route lists).
public struct PolicyRouteFilter: Sendable, Hashable {
    /// The prefix the longest match is decided on.
    public var prefix: IPPrefix
    /// The routes it matches: one range, or the routes on the path down to a prefix (`through`).
    public var routes: [PrefixRange]
    public var action: RoutingPolicy.Action?

    public init(prefix: IPPrefix, routes: [PrefixRange], action: RoutingPolicy.Action? = nil) {
        self.prefix = prefix
        self.routes = routes
        self.action = action
    }
}

/// A Junos `route-filter-list`: named route filters.
public struct RouteFilterList: Sendable, Hashable {
    public var name: String
    public var filters: [PolicyRouteFilter] = []
    public var unreadable: [UnreadableMatch] = []
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

/// A route the config itself creates (Junos `routing-options static`, `aggregate`, `generate`),
/// which a policy term `from protocol static` exports.
public struct ConfiguredRoute: Sendable, Hashable {
    public var prefix: IPPrefix
    /// `static`, `aggregate` or `generate`.
    public var protocolName: String
    public var routingInstance: String?
    public var location: SourceLocation

    public init(prefix: IPPrefix, protocolName: String, routingInstance: String?, location: SourceLocation) {
        self.prefix = prefix
        self.protocolName = protocolName
        self.routingInstance = routingInstance
        self.location = location
    }
}

/// A routing policy as the router evaluates it: terms (Junos), statements (OpenConfig) or RPL
/// (IOS-XR), each a set of conditions and an action, in order.
public struct RoutingPolicy: Sendable, Hashable {
    /// What a term does with the routes it matches.
    public enum Action: String, Sendable, Hashable {
        case accept, reject
        /// Junos `next term`, OpenConfig `NEXT_STATEMENT`: on to the next term.
        case nextTerm = "next term"
        /// Junos `next policy`: on to the next policy of the chain.
        case nextPolicy = "next policy"
        /// No flow action (modifiers only): on to the next term.
        case none
    }

    /// Which routes a term's route condition matches.
    public enum RouteCondition: Sendable, Hashable {
        /// Junos `route-filter`s of the term, evaluated by longest match.
        case filters([PolicyRouteFilter])
        /// Junos `prefix-list`: its prefixes exactly.
        case prefixList(String)
        /// Junos `prefix-list-filter`: its prefixes with a match type (`exact`, `orlonger`, `longer`).
        case prefixListFilter(String, match: String)
        /// Junos `route-filter-list`.
        case routeFilterList(String)
        /// OpenConfig `match-prefix-set` (`INVERT`: the routes the set does not match).
        case prefixSet(String, inverted: Bool)
        /// A route filter erlint could not read.
        case unreadable(UnreadableMatch)
    }

    public struct Term: Sendable, Hashable {
        public var name: String
        /// Route conditions; a route matching any of them matches (Juniper evaluates route lists
        /// together). None: every route.
        public var routes: [RouteCondition] = []
        /// `from protocol …`: the routes come from these protocols.
        public var protocols: [String] = []
        /// `from family inet|inet6`.
        public var families: [String] = []
        /// Conditions on what erlint cannot see in a route (communities, AS paths, neighbors…), as written.
        public var opaque: [String] = []
        public var action: Action = .none
        /// Deactivated (`inactive`): the router skips it.
        public var isInactive = false
        public var location: SourceLocation?

        public init(name: String) { self.name = name }
    }

    public var name: String
    public var terms: [Term] = []
    /// IOS-XR: the policy's RPL, parsed; nil for the other dialects.
    public var rpl: [RPLStatement]?
    public var isInactive = false
    public var location: SourceLocation

    public init(name: String, location: SourceLocation) {
        self.name = name
        self.location = location
    }
}

/// What a policy chain does with the routes no term decides: Junos exports to BGP peers the BGP
/// routes it has learned (and imports everything), OpenConfig does what `default-export-policy`
/// says (reject unless set), IOS-XR sends an eBGP peer nothing without a policy.
public enum ChainDefault: String, Sendable, Hashable {
    case acceptAll = "accept"
    case reject
    /// Juniper's default BGP export: re-advertise the active BGP routes, whichever they are.
    case acceptLearnedBGP = "re-advertise learned BGP routes"
}

/// One statement of an IOS-XR route policy (RPL), as far as erlint evaluates RPL.
public indirect enum RPLStatement: Sendable, Hashable {
    /// Accepts the route and goes on (`pass`).
    case pass
    /// Accepts the route and stops (`done`).
    case done
    /// Rejects the route and stops (`drop`).
    case drop
    /// `if … then … elseif … else … endif`.
    case conditional(branches: [(condition: RPLCondition, body: [RPLStatement])], otherwise: [RPLStatement]?)
    /// A statement erlint does not evaluate (`apply`, `set` of what decides acceptance…), with
    /// its line in the policy text and the file.
    case unsupported(String, SourceLocation)

    public static func == (a: RPLStatement, b: RPLStatement) -> Bool {
        switch (a, b) {
        case (.pass, .pass), (.done, .done), (.drop, .drop): true
        case let (.unsupported(x, l), .unsupported(y, m)): x == y && l == m
        case let (.conditional(x, e), .conditional(y, f)):
            x.count == y.count && zip(x, y).allSatisfy { $0.condition == $1.condition && $0.body == $1.body } && e == f
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .pass: hasher.combine(0)
        case .done: hasher.combine(1)
        case .drop: hasher.combine(2)
        case .conditional(let branches, let otherwise):
            hasher.combine(3)
            for b in branches { hasher.combine(b.condition); hasher.combine(b.body) }
            hasher.combine(otherwise)
        case .unsupported(let text, let at):
            hasher.combine(4)
            hasher.combine(text)
            hasher.combine(at)
        }
    }
}

/// A condition of an RPL `if`.
public indirect enum RPLCondition: Sendable, Hashable {
    /// `destination in SET`.
    case destinationIn(String)
    /// `destination in (10.0.0.0/8 le 24, …)`.
    case destinationInline([PrefixRange])
    case not(RPLCondition)
    case and(RPLCondition, RPLCondition)
    case or(RPLCondition, RPLCondition)
    /// A condition erlint does not evaluate (`community matches-any …`), as written, with where.
    case unsupported(String, SourceLocation)
}
