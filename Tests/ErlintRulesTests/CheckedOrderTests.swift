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
}
