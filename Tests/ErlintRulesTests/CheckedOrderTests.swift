import Testing
import ErlintModel
@testable import ErlintRules

/// Each rule's examined subjects feed the JUnit cases and the HTML summary: they must come
/// without repeats, in one fixed order whatever order the rule examined them in.
@Suite struct CheckedOrderTests {
    @Test func subjectsComeOnceInFoldedThenCustomerThenSpellingOrder() {
        let subjects = [
            CheckedSubject(subject: "/subscriptions/S1/rt/B", customer: "c1"),
            CheckedSubject(subject: "/subscriptions/s1/rt/b", customer: "c1"),
            CheckedSubject(subject: "/subscriptions/s1/rt/a", customer: "c2"),
            CheckedSubject(subject: "/subscriptions/s1/rt/a", customer: "c1"),
            CheckedSubject(subject: "/subscriptions/s1/rt/é", customer: nil),
            CheckedSubject(subject: "/subscriptions/s1/rt/É", customer: nil),
            CheckedSubject(subject: "/subscriptions/s1/rt/z", customer: nil),
            CheckedSubject(subject: "/subscriptions/S1/rt/B", customer: "c1"),
        ]
        let expected = [
            CheckedSubject(subject: "/subscriptions/s1/rt/a", customer: "c1"),
            CheckedSubject(subject: "/subscriptions/s1/rt/a", customer: "c2"),
            CheckedSubject(subject: "/subscriptions/S1/rt/B", customer: "c1"),
            CheckedSubject(subject: "/subscriptions/s1/rt/b", customer: "c1"),
            CheckedSubject(subject: "/subscriptions/s1/rt/z", customer: nil),
            CheckedSubject(subject: "/subscriptions/s1/rt/É", customer: nil),
            CheckedSubject(subject: "/subscriptions/s1/rt/é", customer: nil),
        ]
        #expect(RuleEngine.sortedUnique(subjects) == expected)
        #expect(RuleEngine.sortedUnique(subjects.reversed()) == expected)
    }

    /// ASCII subjects take a faster path (folded into one buffer); it must give what folding each
    /// subject gives: spellings that fold together, repeats, customers and none.
    @Test func theASCIIPathGivesTheFoldingPathsOrder() {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "A", "b", "B", "/", "-", "0", "z", "Z", "_", "~"]
        for _ in 0..<60 {
            var subjects: [CheckedSubject] = []
            for _ in 0..<Int.random(in: 0...120, using: &rng) {
                var s = "/subscriptions/"
                for _ in 0..<Int.random(in: 0...6, using: &rng) { s += pieces.randomElement(using: &rng)! }
                subjects.append(CheckedSubject(subject: s, customer: ["c1", "C1", "c2", nil].randomElement(using: &rng)!))
            }
            subjects += subjects.prefix(10)
            let fast = RuleEngine.sortedUniqueASCII(subjects)
            #expect(fast != nil)
            #expect(fast == RuleEngine.sortedUniqueFolding(subjects))
        }
        #expect(RuleEngine.sortedUniqueASCII([CheckedSubject(subject: "/é", customer: nil)]) == nil)
    }
}
