/// The routes a session's policy chain lets through, worked out from the config.
///
/// Conditions on what a config does not show (communities, AS paths, which routes BGP has
/// learned) are neither assumed true nor false: the chain is evaluated both ways, and the routes
/// it accepts either way are `certain`, those it accepts one way `possible`. `unknowns` says what
/// could not be evaluated, and where.
public struct PolicyOutcome: Sendable, Equatable {
    /// Routes let through whatever the conditions erlint cannot evaluate.
    public var certain: PrefixRangeSet
    /// Routes that may be let through (`certain` among them).
    public var possible: PrefixRangeSet
    public var unknowns: [PolicyUnknown]

    /// Whether the outcome depends on nothing erlint could not evaluate.
    public var isExact: Bool { certain == possible }
}

/// Something a policy evaluation could not work out, and where it is written.
public struct PolicyUnknown: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, _ location: SourceLocation?) {
        self.message = message
        self.location = location
    }

    public var description: String { message + (location.map { " (\($0))" } ?? "") }
}

extension RouterConfig {
    /// What a session sends: its export chain over the routes of its family.
    public func exports(_ session: BGPSession) -> PolicyOutcome {
        var evaluator = PolicyEvaluator(router: self, family: session.neighbor.isIPv4)
        return evaluator.outcome(session.exportPolicies, default: session.exportDefault, direction: "export", session: session)
    }

    /// What a session accepts: its import chain over the routes of its family.
    public func imports(_ session: BGPSession) -> PolicyOutcome {
        var evaluator = PolicyEvaluator(router: self, family: session.neighbor.isIPv4)
        return evaluator.outcome(session.importPolicies, default: session.importDefault, direction: "import", session: session)
    }

    public func routeFilterList(named name: String) -> RouteFilterList? { routeFilterLists.first { $0.name == name } }
}

/// Evaluates policy chains over sets of routes (`PrefixRangeSet`), in Junos, OpenConfig and
/// IOS-XR RPL semantics.
struct PolicyEvaluator {
    let router: RouterConfig
    /// Every route of the session's family.
    let universe: PrefixRangeSet
    private(set) var unknowns: [PolicyUnknown] = []

    init(router: RouterConfig, family isIPv4: Bool) {
        self.router = router
        universe = PrefixRangeSet([PrefixRange(orLonger: IPPrefix(isIPv4 ? "0.0.0.0/0" : "::/0")!)])
    }

    mutating func note(_ message: String, _ at: SourceLocation?) {
        let u = PolicyUnknown(message, at)
        if !unknowns.contains(u) { unknowns.append(u) }
    }

    /// The outcome of a chain: evaluated with the conditions erlint cannot see matching, then
    /// not matching.
    mutating func outcome(_ chain: [String], default fallback: ChainDefault, direction: String, session: BGPSession) -> PolicyOutcome {
        for name in chain {
            guard let policy = router.policy(named: name), !policy.isInactive else {
                note("\(direction) policy \(name) of \(session.describe(on: router.name)) is not in the config"
                     + (router.policy(named: name)?.isInactive == true ? " (it is deactivated)" : ""), session.location)
                return PolicyOutcome(certain: .empty, possible: universe, unknowns: unknowns)
            }
        }
        let yes = run(chain, fallback, opaqueMatches: true)
        // Every condition whose outcome depends on the mode leaves a note: without one, the
        // second pass would give the same routes.
        let no = unknowns.isEmpty ? yes : run(chain, fallback, opaqueMatches: false)
        var possible = yes.accepted.union(no.accepted)
        if fallback == .acceptLearnedBGP {
            let rest = yes.remaining.union(no.remaining)
            if !rest.isEmpty {
                possible = possible.union(rest)
                note(chain.isEmpty
                     ? "\(session.describe(on: router.name)) has no \(direction) policy, so the router re-advertises whatever BGP routes it has learned"
                     : "routes no term of \(chain.joined(separator: ", ")) decides fall to BGP's default \(direction), which re-advertises whatever BGP routes the router has learned",
                     session.location)
            }
        }
        return PolicyOutcome(certain: yes.accepted.intersection(no.accepted), possible: possible, unknowns: unknowns)
    }

    /// One pass over the chain: the routes accepted, and those left to the chain's default.
    /// It keeps the routes terms have decided rather than those still undecided: what terms
    /// match is a handful of ranges, what is left of every route is not.
    private mutating func run(_ chain: [String], _ fallback: ChainDefault, opaqueMatches: Bool) -> (accepted: PrefixRangeSet, remaining: PrefixRangeSet) {
        var decided = PrefixRangeSet.empty
        var accepted = PrefixRangeSet.empty
        // Set once a term without conditions (a final `then reject`) decides whatever is left.
        var allDecided = false
        for name in chain where !allDecided {
            guard let policy = router.policy(named: name) else { continue }
            if let rpl = policy.rpl {
                // An IOS-XR route policy decides every route itself.
                var unpassed = universe.subtracting(decided), passed = PrefixRangeSet.empty
                evaluate(rpl, policy, &unpassed, &passed, &accepted, opaqueMatches)
                accepted = accepted.union(passed)
                allDecided = true
                break
            }
            // Routes handed to the next policy are out of this one's remaining terms.
            var handedOn = PrefixRangeSet.empty
            for term in policy.terms where !term.isInactive {
                for (routes, action) in matches(term, in: policy, opaqueMatches) {
                    let everything = routes.ranges == universe.ranges
                    let hit = routes.subtracting(decided).subtracting(handedOn)
                    if hit.isEmpty { continue }
                    switch action {
                    case .accept:
                        accepted = accepted.union(hit)
                        if everything { allDecided = true } else { decided = decided.union(hit) }
                    case .reject:
                        if everything { allDecided = true } else { decided = decided.union(hit) }
                    case .nextPolicy:
                        handedOn = handedOn.union(hit)
                    case .nextTerm, .none:
                        break
                    }
                    if allDecided { break }
                }
                if allDecided { break }
            }
            if allDecided && !handedOn.isEmpty {
                // What this policy handed on is still to be decided by the next one.
                allDecided = false
                decided = universe.subtracting(handedOn)
            }
        }
        if allDecided { return (accepted, .empty) }
        switch fallback {
        case .acceptAll: return (accepted.union(universe.subtracting(decided)), .empty)
        case .reject: return (accepted, .empty)
        case .acceptLearnedBGP: return (accepted, universe.subtracting(decided))
        }
    }

    // MARK: Terms

    /// The routes a term matches, each part with the action it takes (a Junos route filter's
    /// own action, else the term's).
    private mutating func matches(_ term: RoutingPolicy.Term, in policy: RoutingPolicy,
                                  _ opaqueMatches: Bool) -> [(PrefixRangeSet, RoutingPolicy.Action)] {
        var scope = universe
        if !term.families.isEmpty {
            var families = PrefixRangeSet.empty
            for f in term.families {
                switch f.lowercased() {
                case "inet", "ipv4": families = families.union(PrefixRangeSet([PrefixRange(orLonger: IPPrefix("0.0.0.0/0")!)]))
                case "inet6", "ipv6": families = families.union(PrefixRangeSet([PrefixRange(orLonger: IPPrefix("::/0")!)]))
                default: note("term \(term.name) of policy \(policy.name) matches family \(f), which erlint does not evaluate", term.location ?? policy.location)
                }
            }
            scope = scope.intersection(families)
        }
        if !term.opaque.isEmpty {
            note("term \(term.name.isEmpty ? "(final)" : term.name) of policy \(policy.name) matches on \(term.opaque.joined(separator: ", ")), which a config does not show",
                 term.location ?? policy.location)
            if !opaqueMatches { return [] }
        }
        if term.routes.isEmpty {
            guard !term.protocols.isEmpty else { return [(scope, term.action)] }
            return [(protocolRoutes(term, policy, opaqueMatches).intersection(scope), term.action)]
        }
        var out: [(PrefixRangeSet, RoutingPolicy.Action)] = []
        var plain = PrefixRangeSet.empty
        func add(_ filters: [PolicyRouteFilter]) {
            for (routes, action) in Self.longestMatch(filters) {
                if let action { out.append((routes.intersection(scope), action)) } else { plain = plain.union(routes) }
            }
        }
        for condition in term.routes {
            switch condition {
            case .filters(let filters):
                add(filters)
            case .prefixList(let name):
                guard let list = router.prefixList(named: name) else {
                    missing("prefix-list", name, term, policy, opaqueMatches, &plain)
                    continue
                }
                plain = plain.union(PrefixRangeSet(list.prefixes.map { PrefixRange(exactly: $0) })).union(unreadable(list.unreadable, opaqueMatches))
            case .prefixListFilter(let name, let match):
                guard let list = router.prefixList(named: name) else {
                    missing("prefix-list", name, term, policy, opaqueMatches, &plain)
                    continue
                }
                add(list.prefixes.compactMap { p in Self.range(p, match).map { PolicyRouteFilter(prefix: p, routes: [$0]) } })
                plain = plain.union(unreadable(list.unreadable, opaqueMatches))
            case .routeFilterList(let name):
                guard let list = router.routeFilterList(named: name) else {
                    missing("route-filter-list", name, term, policy, opaqueMatches, &plain)
                    continue
                }
                add(list.filters)
                plain = plain.union(unreadable(list.unreadable, opaqueMatches))
            case .prefixSet(let name, let inverted):
                guard let list = router.prefixList(named: name) else {
                    missing("prefix-set", name, term, policy, opaqueMatches, &plain)
                    continue
                }
                // Inverted, the routes an unreadable entry may match are the ones that may not match.
                let set = PrefixRangeSet(list.entries).union(unreadable(list.unreadable, inverted ? !opaqueMatches : opaqueMatches))
                plain = plain.union(inverted ? universe.subtracting(set) : set)
            case .unreadable(let match):
                plain = plain.union(unreadable([match], opaqueMatches))
            }
        }
        out.append((plain.intersection(scope), term.action))
        return out
    }

    /// The routes unreadable matches add: those they may match when conditions erlint cannot
    /// see are taken to match, none otherwise.
    private mutating func unreadable(_ matches: [UnreadableMatch], _ opaqueMatches: Bool) -> PrefixRangeSet {
        var routes = PrefixRangeSet.empty
        for m in matches {
            note("'\(m.text)' is a match erlint cannot read", m.location)
            if opaqueMatches { routes = routes.union(m.within.map { PrefixRangeSet([PrefixRange(orLonger: $0)]) } ?? universe) }
        }
        return routes
    }

    private mutating func missing(_ kind: String, _ name: String, _ term: RoutingPolicy.Term, _ policy: RoutingPolicy,
                                  _ opaqueMatches: Bool, _ plain: inout PrefixRangeSet) {
        note("\(kind) \(name), which term \(term.name) of policy \(policy.name) names, is not in the config", term.location ?? policy.location)
        if opaqueMatches { plain = plain.union(universe) }
    }

    /// A Junos match type over one prefix.
    static func range(_ p: IPPrefix, _ match: String) -> PrefixRange? {
        switch match {
        case "exact": PrefixRange(exactly: p)
        case "longer": PrefixRange(p, from: p.length + 1, to: p.network.bitWidth)
        default: PrefixRange(orLonger: p)
        }
    }

    /// Route filters by longest match: each filter decides the routes whose longest containing
    /// filter prefix is its own, and matches those among them within its range. Filters with one
    /// prefix decide together.
    static func longestMatch(_ filters: [PolicyRouteFilter]) -> [(PrefixRangeSet, RoutingPolicy.Action?)] {
        var out: [(PrefixRangeSet, RoutingPolicy.Action?)] = []
        for f in filters {
            var region = PrefixRangeSet([PrefixRange(orLonger: f.prefix)])
            for g in filters where g.prefix != f.prefix && f.prefix.contains(g.prefix) {
                region = region.subtracting(PrefixRangeSet([PrefixRange(orLonger: g.prefix)]))
            }
            out.append((PrefixRangeSet(f.routes).intersection(region), f.action))
        }
        return out
    }

    /// The routes of the protocols a term names, where the config shows them (static,
    /// aggregate and generated routes, interface subnets); a learned protocol's are not known.
    private mutating func protocolRoutes(_ term: RoutingPolicy.Term, _ policy: RoutingPolicy, _ opaqueMatches: Bool) -> PrefixRangeSet {
        var routes = PrefixRangeSet.empty
        for p in term.protocols {
            switch p.lowercased() {
            case "static", "aggregate", "generate":
                routes = routes.union(PrefixRangeSet(router.configuredRoutes.filter { $0.protocolName == p.lowercased() }.map { PrefixRange(exactly: $0.prefix) }))
            case "direct":
                routes = routes.union(PrefixRangeSet(router.interfaces.filter { !$0.isDisabled }.flatMap(\.addresses).map { PrefixRange(exactly: $0.prefix) }))
            case "local":
                routes = routes.union(PrefixRangeSet(router.interfaces.filter { !$0.isDisabled }.flatMap(\.addresses).map {
                    PrefixRange(exactly: IPPrefix(network: $0.address, length: $0.address.bitWidth))
                }))
            default:
                note("term \(term.name) of policy \(policy.name) takes the routes learned by \(p), which a config does not show", term.location ?? policy.location)
                if opaqueMatches { routes = routes.union(universe) }
            }
        }
        return routes
    }

    // MARK: RPL

    /// IOS-XR RPL over the routes reaching a statement list: `pass` marks routes accepted and
    /// goes on, `done` accepts and stops, `drop` rejects and stops, `if` splits the routes by
    /// condition; at the end of the policy the passed routes are accepted.
    private mutating func evaluate(_ statements: [RPLStatement], _ policy: RoutingPolicy, _ unpassed: inout PrefixRangeSet,
                                   _ passed: inout PrefixRangeSet, _ accepted: inout PrefixRangeSet, _ opaqueMatches: Bool) {
        for statement in statements {
            if unpassed.isEmpty && passed.isEmpty { return }
            switch statement {
            case .pass:
                passed = passed.union(unpassed)
                unpassed = .empty
            case .done:
                accepted = accepted.union(unpassed).union(passed)
                unpassed = .empty
                passed = .empty
            case .drop:
                unpassed = .empty
                passed = .empty
            case .unsupported(let text, let at):
                note("route-policy \(policy.name): '\(text)' is RPL erlint does not evaluate", at)
                if opaqueMatches { accepted = accepted.union(unpassed).union(passed) }
                unpassed = .empty
                passed = .empty
            case .conditional(let branches, let otherwise):
                var outUnpassed = PrefixRangeSet.empty, outPassed = PrefixRangeSet.empty
                var restUnpassed = unpassed, restPassed = passed
                for (condition, body) in branches {
                    let c = routes(condition, policy, opaqueMatches)
                    var u = restUnpassed.intersection(c), p = restPassed.intersection(c)
                    restUnpassed = restUnpassed.subtracting(c)
                    restPassed = restPassed.subtracting(c)
                    evaluate(body, policy, &u, &p, &accepted, opaqueMatches)
                    outUnpassed = outUnpassed.union(u)
                    outPassed = outPassed.union(p)
                }
                if let otherwise { evaluate(otherwise, policy, &restUnpassed, &restPassed, &accepted, opaqueMatches) }
                unpassed = outUnpassed.union(restUnpassed)
                passed = outPassed.union(restPassed)
            }
        }
    }

    private mutating func routes(_ condition: RPLCondition, _ policy: RoutingPolicy, _ opaqueMatches: Bool) -> PrefixRangeSet {
        switch condition {
        case .destinationIn(let name):
            guard let set = router.prefixList(named: name) else {
                note("route-policy \(policy.name) names prefix-set \(name), which is not in the config", policy.location)
                return opaqueMatches ? universe : .empty
            }
            return PrefixRangeSet(set.entries).union(unreadable(set.unreadable, opaqueMatches))
        case .destinationInline(let ranges):
            return PrefixRangeSet(ranges)
        case .not(let inner):
            return universe.subtracting(routes(inner, policy, opaqueMatches))
        case .and(let a, let b):
            return routes(a, policy, opaqueMatches).intersection(routes(b, policy, opaqueMatches))
        case .or(let a, let b):
            return routes(a, policy, opaqueMatches).union(routes(b, policy, opaqueMatches))
        case .unsupported(let text, let at):
            note("route-policy \(policy.name): the condition '\(text)' is RPL erlint does not evaluate", at)
            return opaqueMatches ? universe : .empty
        }
    }
}
