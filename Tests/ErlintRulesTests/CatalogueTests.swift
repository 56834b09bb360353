import Foundation
import Testing
import ErlintIngest
import ErlintModel
@testable import ErlintRules

/// Every rule is complete: a unique id and name, an entry in rules/ with its texts and typed
/// parameters, and examples that break it and pass it.
@Suite struct CatalogueTests {
    @Test func everyBuiltInRuleHasAnEntryWithTextsAndItsParameters() {
        for rule in BuiltInRules.all {
            guard let e = Pack.contents.entry(rule.id) else {
                Issue.record("\(rule.id) has no entry in rules/")
                continue
            }
            #expect(e.id == rule.id, "entry id spelled \(e.id), rule \(rule.id)")
            #expect(e.check == nil, "\(rule.id) is built in but its entry has a check")
            for text in [e.name, e.title, e.rationale, e.remediation] { #expect(text.count > 3, "\(rule.id) has an empty text") }
            #expect(!e.references.isEmpty, "\(rule.id) has no references")
            #expect(e.location.file.contains("/rules/\(e.family.lowercased())/\(e.id).yaml"), "\(rule.id) entry is at \(e.location.file)")
            for p in rule.parameters {
                #expect(e.parameter(p.name)?.value.kind == p.kind, "\(rule.id) parameter \(p.name) missing or not \(p.kind)")
            }
        }
    }

    @Test func everyRuleHasExamplesThatBreakAndPass() {
        for e in Pack.contents.entries {
            let examples = BuiltInRules.all.first { $0.id == e.id }?.examples ?? e.examples
            #expect(examples.contains { $0.breaks }, "\(e.id) has no breaking example")
            #expect(examples.contains { !$0.breaks }, "\(e.id) has no passing example")
        }
    }

    @Test func idsAndNamesAreUniqueAndWellFormed() {
        let ids = BuiltInRules.all.map { $0.id } + Pack.contents.entries.filter { $0.check != nil }.map(\.id)
        #expect(Set(ids.map { $0.lowercased() }).count == ids.count, "duplicate rule ids: \(ids)")
        let names = Pack.contents.entries.map(\.name)
        #expect(Set(names).count == names.count, "duplicate rule names")
        for e in Pack.contents.entries {
            #expect(e.id.range(of: "^[A-Z]{2,4}[0-9]{3}$", options: .regularExpression) != nil, "id \(e.id)")
            #expect(e.name.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil, "name \(e.name)")
            #expect(e.id.hasPrefix(e.family), "\(e.id) is not in family \(e.family)")
        }
        // Every entry is runnable: built in, or declarative.
        let builtIn = Set(BuiltInRules.all.map { $0.id })
        for e in Pack.contents.entries { #expect(builtIn.contains(e.id) || e.check != nil, "\(e.id) has nothing to run") }
    }

    @Test func theEngineRunsEveryRuleOnceWithoutPackProblems() {
        let estate = EstateLoader.load(paths: [Pack.root + "/samples/clean"], options: .init(postures: Pack.contents.postures))
        let result = RuleEngine(pack: Pack.contents).run(estate.graph)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.rules.map(\.id) == Pack.contents.entries.map(\.id))
    }

    @Test func aBuiltInRuleWithoutItsEntryIsReportedNotSilentlySkipped() {
        var pack = Pack.contents
        pack.entries.removeAll { $0.id == "HA004" }
        let estate = EstateLoader.load(paths: [Pack.root + "/samples/clean"], options: .init(postures: pack.postures))
        let result = RuleEngine(pack: pack).run(estate.graph)
        #expect(result.diagnostics.contains { $0.severity == .error && $0.message.contains("HA004 has no entry") })
    }
}
