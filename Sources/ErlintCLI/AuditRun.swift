import Foundation
import ErlintIngest
import ErlintModel
import ErlintReports
import ErlintRules

/// What the batches of one audit found, put together as one run's: each batch keeps only its
/// own findings, subjects, resources and routers (ShardPlan), so adding them up counts each once;
/// input problems, which every batch that read a file reports, are kept once.
struct Accumulated {
    var findings: [Finding] = []
    var rules: [RuleEntry] = []
    var checked: [String: CheckedSubjects] = [:]
    var diagnostics = Set<Diagnostic>()
    var files = Set<String>()
    var resources = 0
    var unaudited: [String: Int] = [:]
    var routers = 0
    var topologies: [String: [CustomerTopology]] = [:]
    var batches = 0
    var readSeconds = 0.0, graphSeconds = 0.0, rulesSeconds = 0.0

    /// Adds one batch; batches are added in batch order, so the subjects examined keep the order
    /// one run gives.
    mutating func add(_ batch: BatchOutcome) {
        batches += 1
        findings += batch.findings
        rules = batch.rules
        for (rule, subjects) in batch.checked { checked[rule, default: CheckedSubjects()].append(contentsOf: subjects) }
        diagnostics.formUnion(batch.diagnostics)
        files.formUnion(batch.files)
        resources += batch.resources
        unaudited.merge(batch.unaudited, uniquingKeysWith: +)
        routers += batch.routers
        for t in batch.topologies { topologies[t.customer, default: []].append(t) }
        readSeconds += batch.readSeconds
        graphSeconds += batch.graphSeconds
        rulesSeconds += batch.rulesSeconds
    }

    /// The customers' pictures in manifest order, then the unclaimed one.
    func topology(order customers: [String]) -> [CustomerTopology] {
        (customers + [""]).compactMap { topologies[$0].flatMap(CustomerTopology.merged) }
    }
}

/// What one batch leaves once its graph is dropped: everything the reports need of it, reduced
/// where the batch ran, so that putting batches together in order is cheap.
struct BatchOutcome: Sendable {
    var findings: [Finding]
    var rules: [RuleEntry]
    var checked: [String: CheckedSubjects]
    var diagnostics: [Diagnostic]
    var files: [String]
    var resources: Int
    /// The batch's resources of types no rule reads, by type (`RuleEngine.auditedKinds`).
    var unaudited: [String: Int] = [:]
    var routers: Int
    var topologies: [CustomerTopology]
    var readSeconds: Double, graphSeconds: Double, rulesSeconds: Double

    init(_ estate: LoadedEstate, _ result: AuditResult, plan: ShardPlan?, topology: Bool, audited: Set<NodeKind>, rulesSeconds: Double) {
        findings = result.findings
        rules = result.rules
        checked = result.checked.mapValues(CheckedSubjects.init)
        diagnostics = estate.diagnostics + result.diagnostics
        files = estate.files
        let graph = estate.graph
        // Nodes come a customer at a time: whether the shard owns a customer is asked once per
        // run of its nodes, not with a copy of the customer and a hash of its id for each.
        let ownership = OwnershipByCustomer()
        let owns: (EstateNode) -> Bool = { n in
            guard let plan else { return true }
            guard let c = graph.customerNode(of: n.id) else { return plan.owns(customer: nil, subject: n.subject) }
            if let last = ownership.last, last.customer == c { return last.owned }
            let owned = plan.owns(customer: graph.customerID(of: n.id), subject: n.subject)
            ownership.last = (c, owned)
            return owned
        }
        // Counted in place: a filtered copy of the nodes retained and released each of them.
        // Resources of kinds no rule reads are counted by type in the same walk: by ordinal, and by
        // runs of one type (nodes of a kind come together), so that no name is hashed per node.
        var skipped = [Bool](repeating: false, count: NodeKind.allCases.count)
        for kind in NodeKind.allCases where !audited.contains(kind) { skipped[kind.ordinal] = true }
        var resources = 0
        var run: (type: String, count: Int)?
        for n in graph.nodes where n.isResource && owns(n) {
            resources += 1
            guard skipped[n.kind.ordinal], let type = n.resource?.typeName else { continue }
            if let r = run, r.type == type {
                run = (type, r.count + 1)
            } else {
                if let r = run { unaudited[r.type, default: 0] += r.count }
                run = (type, 1)
            }
        }
        if let r = run { unaudited[r.type, default: 0] += r.count }
        self.resources = resources
        routers = graph.nodes(.router).filter { plan?.owns(router: $0.name) ?? true }.count
        topologies = topology ? CustomerTopology.build(graph, owns: plan == nil ? nil : owns) : []
        readSeconds = estate.readSeconds
        graphSeconds = estate.graphSeconds
        self.rulesSeconds = rulesSeconds
    }
}

/// The last customer node asked about and whether the shard owns it.
private final class OwnershipByCustomer {
    var last: (customer: NodeID, owned: Bool)?
}
