import ErlintModel

/// What was ingested, as a stable contract for scripts (`erlint inventory --format json`) and a
/// summary for people. Keys never change meaning; new keys may be added.
public struct InventoryReport: Sendable, Codable, Equatable {
    public struct CustomerEntry: Sendable, Codable, Equatable {
        public let id: String
        public let name: String
        public let model: String
        public let posture: String
        public let subscriptions: [String]
        public let resources: Int
    }
    public struct SubscriptionEntry: Sendable, Codable, Equatable {
        public let subscription: String
        public let resources: Int
    }
    public struct DanglingEntry: Sendable, Codable, Equatable {
        public let from: String
        public let field: String
        public let target: String
        public let file: String
        public let line: Int
        public let column: Int
    }
    public struct DiagnosticEntry: Sendable, Codable, Equatable {
        public let severity: String
        public let file: String
        public let line: Int
        public let column: Int
        public let message: String
    }

    public struct RouterEntry: Sendable, Codable, Equatable {
        public let name: String
        public let file: String
        /// `junos`, `openconfig`, `iosxr`, `iosxr-xml-agent`, or several joined with `+`.
        public let dialect: String
        /// `csp`, a customer id, or null when the manifest does not declare the router.
        public let owner: String?
        public let interfaces: Int
        public let bgpNeighbors: Int
        public let routingInstances: Int
        /// The routing instances that forward with a table of their own (VRFs, virtual routers),
        /// by name: where customers' circuit links belong. Junos `forwarding`, `no-forwarding`
        /// and layer-2 instances are counted in `routingInstances` only.
        public let vrfs: [String]
        /// The host name written in the config, when it has one (`name` falls back to the file).
        public let hostName: String?
        public let elements: Int
        public let skippedElements: Int
    }
    /// One router on one circuit link: by a BGP session (`neighbor`) and/or an interface address
    /// in the link's prefix.
    public struct LinkEntry: Sendable, Codable, Equatable {
        public let circuit: String
        public let peering: String
        public let side: String
        public let prefix: String
        public let router: String
        public let neighbor: String?
        public let sessionState: String?
        /// Why the session is not active, where the config says.
        public let stateReason: String?
        public let interface: String?
        public let routingInstance: String?
        public let file: String
        public let line: Int
    }
    public struct SessionEntry: Sendable, Codable, Equatable {
        public let router: String
        public let neighbor: String
        public let peerAS: Int?
        public let routingInstance: String?
        public let state: String
        public let stateReason: String?
        public let file: String
        public let line: Int
        public let column: Int
    }
    public struct UnterminatedLinkEntry: Sendable, Codable, Equatable {
        public let circuit: String
        public let peering: String
        public let side: String
        public let prefix: String
        public let customer: String?
        public let reason: String
    }

    public let files: Int
    public let inputBytes: Int
    public let resourceCounts: [String: Int]
    public let ignoredResources: [String: Int]
    /// Microsoft.Network resources read whose type no enabled rule evaluates (load balancers,
    /// virtual hubs, NSGs until a rule reads them…), by type: read, counted, not audited.
    public let unauditedResources: [String: Int]
    /// Primary and secondary /30s and /126s found in the peerings.
    public let circuitLinks: Int
    public let routers: [RouterEntry]
    public let links: [LinkEntry]
    public let unmatchedSessions: [SessionEntry]
    public let unterminatedLinks: [UnterminatedLinkEntry]
    public let customers: [CustomerEntry]
    public let unclaimedResources: Int
    public let unclaimedSubscriptions: [SubscriptionEntry]
    public let unresolvedExpressions: Int
    /// Fields holding a value erlint cannot interpret (each with a warning among `diagnostics`).
    public let unreadableValues: Int
    public let danglingReferences: [DanglingEntry]
    public let skippedFiles: [String]
    public let diagnostics: [DiagnosticEntry]

    /// `auditedKinds`: the kinds of node the enabled rules read (`RuleEngine.auditedKinds`).
    public init(graph: EstateGraph, files: Int, inputBytes: Int, skippedFiles: [String],
                ignoredResourceTypes: [String: Int], diagnostics: [Diagnostic], auditedKinds: Set<NodeKind>) {
        self.files = files
        self.inputBytes = inputBytes
        var counts: [String: Int] = [:]
        var unaudited: [String: Int] = [:]
        var unresolved = 0, unreadable = 0
        for node in graph.nodes {
            guard let r = node.resource else { continue }
            counts[r.typeName, default: 0] += 1
            if !auditedKinds.contains(node.kind) { unaudited[r.typeName, default: 0] += 1 }
            for u in r.unresolved {
                if u.reason == .expression { unresolved += 1 } else { unreadable += 1 }
            }
        }
        resourceCounts = counts
        unauditedResources = unaudited
        unreadableValues = unreadable
        ignoredResources = ignoredResourceTypes
        circuitLinks = graph.count(.link)
        var owners: [String: String] = [:]
        for d in graph.manifest?.routers ?? [] {
            owners[d.name.lowercased()] = switch d.owner {
            case .csp: "csp"
            case .customer(let c): c
            }
        }
        routers = graph.nodes(.router).compactMap { node in
            guard let r = node.router else { return nil }
            return RouterEntry(name: r.name, file: r.file, dialect: r.dialectName, owner: owners[r.name.lowercased()],
                               interfaces: r.interfaces.count, bgpNeighbors: r.sessions.count,
                               routingInstances: r.routingInstances.count,
                               vrfs: r.routingInstances.filter(\.hasOwnForwardingTable).map(\.name), hostName: r.hostName,
                               elements: r.elementCount,
                               skippedElements: r.skippedElements)
        }
        var links: [LinkEntry] = []
        var unterminated: [UnterminatedLinkEntry] = []
        let sessionless = Set(graph.unterminatedLinks().map(\.id))
        for node in graph.nodes(.link) {
            guard let link = node.link else { continue }
            let ends = graph.terminations(of: node.id)
            var byRouter: [(router: EstateNode, session: EstateNode?, interface: EstateNode?)] = []
            for end in ends {
                guard let router = graph.router(of: end.id) else { continue }
                let i = byRouter.firstIndex { $0.router.id == router.id } ?? {
                    byRouter.append((router, nil, nil))
                    return byRouter.count - 1
                }()
                if end.kind == .bgpSession, byRouter[i].session == nil { byRouter[i].session = end }
                if end.kind == .routerInterface, byRouter[i].interface == nil { byRouter[i].interface = end }
            }
            for (router, session, interface) in byRouter {
                let s = session?.session
                let at = (session ?? interface)?.origin ?? router.origin
                links.append(LinkEntry(
                    circuit: link.circuit.text, peering: link.peering.lastName, side: link.side.rawValue,
                    prefix: link.prefix.description, router: router.name, neighbor: s?.neighbor.description,
                    sessionState: s?.state.rawValue, stateReason: s?.stateReason, interface: interface?.name,
                    routingInstance: s?.routingInstance ?? interface?.routerInterface?.routingInstance,
                    file: at?.file ?? "", line: at?.line ?? 0))
            }
            if sessionless.contains(node.id) {
                let reason = byRouter.first.map {
                    "router \($0.router.name) has interface \($0.interface?.name ?? "?") in \(link.prefix) but no BGP session there"
                } ?? "no router config read has a BGP session or interface address in \(link.prefix)"
                unterminated.append(UnterminatedLinkEntry(
                    circuit: link.circuit.text, peering: link.peering.lastName, side: link.side.rawValue,
                    prefix: link.prefix.description, customer: graph.customerID(of: node.id), reason: reason))
            }
        }
        self.links = links
        unterminatedLinks = unterminated
        unmatchedSessions = graph.unmatchedSessions().compactMap { node in
            guard let s = node.session else { return nil }
            return SessionEntry(router: graph.router(of: node.id)?.name ?? "", neighbor: s.neighbor.description,
                                peerAS: s.peerAS, routingInstance: s.routingInstance, state: s.state.rawValue, stateReason: s.stateReason,
                                file: s.location.file,
                                line: s.location.line, column: s.location.column)
        }
        let perCustomer = graph.resourceCountsByCustomer()
        customers = (graph.manifest?.customers ?? []).map { c in
            let posture: String = switch c.posture {
            case .profile(let name, _): name
            case .inline: "inline"
            }
            return CustomerEntry(id: c.id, name: c.name, model: c.model.rawValue, posture: posture,
                                 subscriptions: c.subscriptions, resources: perCustomer[c.id] ?? 0)
        }
        unclaimedResources = graph.unclaimed.count
        var bySub: [String: Int] = [:]
        for id in graph.unclaimed { bySub[graph[id].resource?.subscription ?? "(none)", default: 0] += 1 }
        unclaimedSubscriptions = bySub.sorted { $0.key < $1.key }.map { SubscriptionEntry(subscription: $0.key, resources: $0.value) }
        unresolvedExpressions = unresolved
        danglingReferences = graph.danglingReferences.map {
            DanglingEntry(from: $0.from.text, field: $0.field, target: $0.target.text, file: $0.location.file,
                          line: $0.location.line, column: $0.location.column)
        }
        self.skippedFiles = skippedFiles
        self.diagnostics = diagnostics.map {
            DiagnosticEntry(severity: $0.severity.rawValue, file: $0.location.file, line: $0.location.line,
                            column: $0.location.column, message: $0.message)
        }
    }
}
