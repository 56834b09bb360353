import Testing
@testable import ErlintReports

/// Escaping is the line between an input's names and a report's markup.
@Suite struct MarkupTests {
    @Test func everySpecialByteIsEscapedWhereverItSitsInTheWord() {
        // The check reads eight bytes at a time: each special character at each place of a
        // word, and in the tail after the last whole word.
        let entities = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;", "\u{01}": "\u{FFFD}",
                        "\n": "&#10;", "\u{FFFE}": "\u{FFFD}", "é": "é"]
        for (special, entity) in entities {
            for at in 0..<19 {
                let before = String(repeating: "a", count: at), after = String(repeating: "b", count: 18 - at)
                #expect(Markup.escape(before + special + after, newlines: true) == before + entity + after, "\(entity) at \(at)")
            }
        }
    }

    @Test func cleanTextComesBackAsItIs() {
        let id = "/subscriptions/5eed0000-0000-4000-8000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network/routeTables/rt-1"
        #expect(Markup.escape(id) == id)
        #expect(Markup.escape("") == "")
        #expect(Markup.escape("tab\tand line\nbreak") == "tab\tand line\nbreak")
    }

    @Test func shortSubjectsDropTheProviderPart() {
        let id = "/subscriptions/s/resourceGroups/rg/Providers/Microsoft.Network/expressRouteCircuits/er-1/peerings/AzurePrivatePeering"
        #expect(AuditTextReporter.shortSubject(id) == "expressRouteCircuits/er-1/peerings/AzurePrivatePeering")
        #expect(AuditTextReporter.shortSubject("/subscriptions/s/providers") == "/subscriptions/s/providers")
        #expect(AuditTextReporter.shortSubject("router:edge-1/sessions/10.0.0.1") == "router:edge-1/sessions/10.0.0.1")
    }
}
