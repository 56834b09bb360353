import Testing
import ErlintModel

/// The subjects a rule examined become the JUnit cases, so the compact store must give back
/// exactly what was put in, in order, whatever the ids look like.
@Suite struct CheckedSubjectsTests {
    @Test func givesBackEverySubjectInOrder() {
        let base = "/subscriptions/5eed0000-0000-4000-8000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network/routeTables/rt-1/routes/"
        let long = String(repeating: "x", count: 70_000)   // a shared prefix longer than 2 bytes can count
        let batch1: [CheckedSubject] = [
            CheckedSubject(subject: base + "r1", customer: "acme"),
            CheckedSubject(subject: base + "r10", customer: "acme"),
            CheckedSubject(subject: base + "r2", customer: nil),
            CheckedSubject(subject: "", customer: "globex"),
            CheckedSubject(subject: "router/edge-é-1/sessions/-/10.0.0.1", customer: "globex"),
            CheckedSubject(subject: "router/edge-é-1/sessions/-/10.0.0.1", customer: nil),
            CheckedSubject(subject: String(repeating: "a", count: 300), customer: "acme"),
            CheckedSubject(subject: long + "1", customer: nil),
            CheckedSubject(subject: long + "2", customer: "acme"),
            CheckedSubject(subject: "short", customer: "acme"),
        ]
        let batch2 = [CheckedSubject(subject: base + "r3", customer: "initech")]
        var subjects = CheckedSubjects(batch1)
        subjects.append(contentsOf: batch2)
        subjects.append(contentsOf: CheckedSubjects())
        subjects.append(contentsOf: CheckedSubjects([CheckedSubject(subject: base + "r1", customer: "acme")]))
        let expected = batch1 + batch2 + [CheckedSubject(subject: base + "r1", customer: "acme")]
        #expect(subjects.count == expected.count)
        #expect(Array(subjects) == expected)
        // Iterating twice gives the same (the iterator keeps its own state).
        #expect(Array(subjects) == expected)
    }
}
