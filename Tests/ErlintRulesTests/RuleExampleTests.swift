import Foundation
import Testing
import ErlintIngest
import ErlintModel
@testable import ErlintRules

/// The rule pack as shipped, read once for every test.
enum Pack {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let read = RulePackReader.read(directories: [root + "/rules"])
    static var contents: RulePackContents { read.pack }

    /// Writes an example's files (and manifest) into a fresh folder and audits them with one rule.
    static func audit(_ example: RuleExample, rule: String, reversed: Bool = false) -> (AuditResult, LoadedEstate) {
        var copy = example
        if reversed {
            copy.files = example.files.reversed().enumerated().map { n, f in
                RuleExample.File("\(n)-" + f.path.replacingOccurrences(of: "/", with: "-"), shuffled(f.content, f.path))
            }
        }
        let dir = write(copy)
        var manifest: String?
        if let m = example.manifest {
            manifest = dir + ".manifest.yaml"
            FileManager.default.createFile(atPath: manifest!, contents: Data(m.utf8))
        }
        let estate = EstateLoader.load(paths: [dir], options: .init(manifestPath: manifest, postures: contents.postures))
        return (RuleEngine(pack: contents).run(estate.graph, only: [rule]), estate)
    }

    /// The same resources in reverse order (JSON `value` arrays), to prove order does not matter.
    static func shuffled(_ content: String, _ path: String) -> String {
        guard path.hasSuffix(".json"), let data = content.data(using: .utf8),
              var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let value = object["value"] as? [Any] else { return content }
        object["value"] = Array(value.reversed())
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]), as: UTF8.self)
    }
}

/// One example of one rule: the unit the parameterised test runs.
struct ExampleCase: Sendable, CustomTestStringConvertible {
    let rule: String
    let index: Int
    let example: RuleExample
    var testDescription: String { "\(rule) #\(index + 1) \(example.breaks ? "breaks" : "passes"): \(example.summary)" }

    static let all: [ExampleCase] = {
        var out: [ExampleCase] = []
        for r in BuiltInRules.all {
            out += r.examples.enumerated().map { ExampleCase(rule: r.id, index: $0, example: $1) }
        }
        for e in Pack.contents.entries where e.check != nil {
            out += e.examples.enumerated().map { ExampleCase(rule: e.id, index: $0, example: $1) }
        }
        return out
    }()
}

@Suite struct RuleExampleTests {
    @Test func theShippedPackReadsWithoutErrors() {
        #expect(Pack.read.diagnostics.isEmpty, "\(Pack.read.diagnostics)")
    }

    @Test(arguments: ExampleCase.all)
    func exampleGivesWhatItSays(_ c: ExampleCase) {
        let (result, estate) = Pack.audit(c.example, rule: c.rule)
        #expect(!estate.hasErrors, "example does not read cleanly: \(estate.diagnostics)")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let mine = result.findings.filter { $0.ruleID == c.rule }
        if c.example.breaks {
            let violations = mine.filter { $0.status == .violation }
            #expect(!violations.isEmpty, "expected a violation of \(c.rule), got \(mine.map(\.message))")
            for m in c.example.mentions {
                #expect(violations.contains { $0.message.contains(m) }, "no finding mentions '\(m)': \(violations.map(\.message))")
            }
            for f in violations {
                #expect(f.location != nil && f.location!.line > 0, "finding without a line: \(f)")
            }
            // What a rule reports on is among what it says it reads (`Rule.reads`), which decides
            // what the audit counts as covered.
            let reads = BuiltInRules.all.first { $0.id == c.rule }?.reads
                ?? Pack.contents.entries.first { $0.id == c.rule }?.check.map { [NodeKind($0.resourceType)] } ?? []
            for f in violations {
                #expect(reads.contains { $0.rawValue == f.subjectKind }, "\(c.rule) reports on a \(f.subjectKind), which its reads leave out")
            }
        } else {
            #expect(mine.isEmpty, "expected no finding of \(c.rule), got \(mine.map(\.message))")
        }
        #expect(!(result.checked[c.rule] ?? []).isEmpty, "\(c.rule) examined nothing, so the example proves nothing")
    }

    @Test(arguments: ExampleCase.all.filter(\.example.breaks))
    func shuffledInputGivesTheSameFindings(_ c: ExampleCase) {
        func key(_ r: AuditResult) -> [String] { r.findings.map { "\($0.ruleID) \($0.severity) \($0.subject.lowercased()) \($0.message)" } }
        let straight = Pack.audit(c.example, rule: c.rule).0
        let shuffled = Pack.audit(c.example, rule: c.rule, reversed: true).0
        #expect(key(straight) == key(shuffled))
    }
}
