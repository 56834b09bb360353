import Foundation
import Testing
import ErlintIngest
import ErlintModel
import ErlintRules
@testable import ErlintGenerator

/// `erlint generate`: deterministic, readable by erlint without a single input problem, clean
/// where no fault is planted, and every planted fault found by the rule it is planted for.
@Suite struct EstateGeneratorTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let pack = RulePackReader.read(directories: [root + "/rules"]).pack

    func generate(_ options: EstateGenerator.Options) throws -> (dir: String, summary: EstateGenerator.Summary) {
        let dir = NSTemporaryDirectory() + "erlint-generated-" + UUID().uuidString
        return (dir, try EstateGenerator(options).write(to: dir))
    }

    func files(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: dir)!
        while let rel = walker.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: dir + "/" + rel) { out[rel] = data }
        }
        return out
    }

    func audit(_ dir: String) -> (LoadedEstate, AuditResult) {
        let estate = EstateLoader.load(paths: [dir], options: .init(postures: Self.pack.postures))
        return (estate, RuleEngine(pack: Self.pack).run(estate.graph))
    }

    @Test func theSameSeedGivesTheSameBytes() throws {
        let a = try generate(.init(customers: 5, seed: 7, faultRate: 0.5))
        let b = try generate(.init(customers: 5, seed: 7, faultRate: 0.5))
        let c = try generate(.init(customers: 5, seed: 8, faultRate: 0.5))
        #expect(files(a.dir) == files(b.dir))
        #expect(files(a.dir) != files(c.dir))
        #expect(files(a.dir).count == 5 * 3 + 1)
    }

    @Test func aCustomerLooksLikeARealExport() throws {
        let g = try generate(.init(customers: 3, seed: 1, faultRate: 0))
        let perCustomer = Double(g.summary.jsonBytes) / 3, routers = Double(g.summary.xmlBytes) / 3
        #expect(perCustomer > 350_000 && perCustomer < 700_000, "about 0.5 MB of JSON per customer, got \(perCustomer)")
        #expect(routers > 20_000 && routers < 45_000, "about 30 KB of router XML per customer, got \(routers)")
        let (estate, _) = audit(g.dir)
        #expect(estate.diagnostics.filter { $0.severity != .note }.isEmpty, "\(estate.diagnostics.prefix(5))")
        #expect(Set(estate.routers.map(\.dialectName)) == ["junos", "openconfig"], "customers 0-2 use two of the three dialects")
        #expect(estate.graph.count(.subnet) >= 3 * 5 * 20)
        #expect(estate.graph.count(.route) >= 3 * 5 * 50)
        #expect(estate.graph.unterminatedLinks().isEmpty, "every link has its session")
    }

    @Test func withoutFaultsNothingIsViolated() throws {
        let g = try generate(.init(customers: 8, seed: 3, faultRate: 0))
        let (estate, result) = audit(g.dir)
        #expect(Set(estate.routers.map(\.dialectName)) == ["junos", "openconfig", "iosxr"])
        let violations = result.findings.filter { $0.status == .violation }
        #expect(violations.isEmpty, "\(violations.prefix(5).map { "\($0.ruleID) \($0.subject): \($0.message)" })")
    }

    @Test func everyPlantedFaultIsFoundByItsRule() throws {
        let options = EstateGenerator.Options(customers: 40, seed: 11, faultRate: 1)
        let g = try generate(options)
        let generator = EstateGenerator(options)
        let planted = (0..<40).compactMap { generator.plantedFault(customer: $0) }
        #expect(Set(planted.map(\.rule)).count == EstateGenerator.Fault.allCases.count, "40 customers cover every kind of fault")
        let (_, result) = audit(g.dir)
        for p in planted {
            #expect(result.findings.contains { $0.ruleID == p.rule && $0.customer == p.customer && $0.status == .violation },
                    "\(p.rule) planted in \(p.customer) was not found")
        }
        #expect(g.summary.faults.values.reduce(0, +) == 40)
    }
}
