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

    public let files: Int
    public let inputBytes: Int
    public let resourceCounts: [String: Int]
    public let ignoredResources: [String: Int]
    public let links: Int
    public let customers: [CustomerEntry]
    public let unclaimedResources: Int
    public let unclaimedSubscriptions: [SubscriptionEntry]
    public let unresolvedExpressions: Int
    public let danglingReferences: [DanglingEntry]
    public let skippedFiles: [String]
    public let diagnostics: [DiagnosticEntry]

    public init(graph: EstateGraph, files: Int, inputBytes: Int, skippedFiles: [String],
                ignoredResourceTypes: [String: Int], diagnostics: [Diagnostic]) {
        self.files = files
        self.inputBytes = inputBytes
        var counts: [String: Int] = [:]
        var unresolved = 0
        for node in graph.nodes {
            guard let r = node.resource else { continue }
            counts[r.typeName, default: 0] += 1
            unresolved += r.unresolved.count
        }
        resourceCounts = counts
        ignoredResources = ignoredResourceTypes
        links = graph.count(.link)
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
