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
    var routers = 0
    var topologies: [String: [CustomerTopology]] = [:]
    var batches = 0
    var readSeconds = 0.0, graphSeconds = 0.0, rulesSeconds = 0.0

    mutating func add(_ estate: LoadedEstate, _ result: AuditResult, plan: ShardPlan?, topology: Bool, rulesSeconds: Double) {
        batches += 1
        findings += result.findings
        rules = result.rules
        for (rule, subjects) in result.checked { checked[rule, default: CheckedSubjects()].append(contentsOf: subjects) }
        diagnostics.formUnion(estate.diagnostics)
        diagnostics.formUnion(result.diagnostics)
        files.formUnion(estate.files)
        let graph = estate.graph
        let owns: (EstateNode) -> Bool = { n in plan?.owns(customer: graph.customer(of: n.id)?.id, subject: n.subject) ?? true }
        resources += graph.nodes.filter { $0.resource != nil && owns($0) }.count
        routers += graph.nodes(.router).filter { plan?.owns(router: $0.name) ?? true }.count
        if topology {
            for t in CustomerTopology.build(graph, owns: plan == nil ? nil : owns) { topologies[t.customer, default: []].append(t) }
        }
        readSeconds += estate.readSeconds
        graphSeconds += estate.graphSeconds
        self.rulesSeconds += rulesSeconds
    }


    /// The customers' pictures in manifest order, then the unclaimed one.
    func topology(order customers: [String]) -> [CustomerTopology] {
        (customers + [""]).compactMap { topologies[$0].flatMap(CustomerTopology.merged) }
    }
}
