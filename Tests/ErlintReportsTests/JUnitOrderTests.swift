import Testing
@testable import ErlintReports

/// The JUnit cases' order is a contract (`erlint merge` repeats it on the shards' cases), so the
/// keyed sort, and the merge of runs sorted on their own, must give exactly the order of comparing the case texts with `precedes`.
@Suite struct JUnitOrderTests {
    @Test func keyedOrderIsThePrecedesOrder() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "A", "b", "B", "z", "-", "/", "é", "0", "9", "_"]
        for round in 0..<40 {
            var cases: [String] = []
            for _ in 0..<(round == 0 ? 2 : 300) {
                var name = ""
                for _ in 0..<Int.random(in: 0...14, using: &rng) { name += pieces.randomElement(using: &rng)! }
                let customer = ["acme", "Acme", "globex"].randomElement(using: &rng)!
                let second = Bool.random(using: &rng) ? "/>\n" : ">\n      <failure message=\"m\">x</failure>\n    </testcase>\n"
                cases.append("    <testcase name=\"UDR002 \(name)\" classname=\"\(customer)\" time=\"0\"" + second)
            }
            // Cases with no common start, and lines shorter than a key, too.
            if round % 5 == 0 { cases += ["x", "X\ny", "", "    <testcase", "    <testcase name=\"UDR002 "] }
            let expected = cases.sorted { JUnitReporter.precedes($0, $1) }
            #expect(JUnitReporter.ordered(cases) == expected)
            // Runs sorted on their own (a batch's cases each) and merged give the same order,
            // duplicates across runs included.
            var runs: [[String]] = [[], [], []]
            for c in cases + cases.prefix(5) { runs[Int.random(in: 0..<3, using: &rng)].append(c) }
            var merged: [String] = []
            JUnitReporter.merge(runs.map { JUnitReporter.SortedCases(JUnitReporter.CaseRun($0)) }) { (text: String) in merged.append(text) }
            #expect(merged == (cases + cases.prefix(5)).sorted { JUnitReporter.precedes($0, $1) })
            #expect(JUnitReporter.compare("a\nb", "A\nb") == 1 && JUnitReporter.compare("A\nb", "a\nb") == -1)
        }
    }
}
