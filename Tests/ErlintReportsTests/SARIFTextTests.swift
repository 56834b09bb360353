import Foundation
import Testing
@testable import ErlintReports

/// The SARIF writer's own text handling, against what Foundation does with the same input.
@Suite struct SARIFTextTests {
    static let paths = [
        "customers/cust-1/network.json", "a b/c#d?e%f.json", "dir/ünïcödé/ファイル.json", "x;y=z&w+v,u(t)'s'!@[]$*.xml",
        "~user/-_./:colon", "tab\there", "", "/abs/path/file.json",
    ]

    @Test func percentEncodingMatchesFoundation() {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ";?#[]@!$&'()*+,=")
        for path in Self.paths {
            let foundation = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
            #expect(SARIFReporter.uriPath(path, absolute: false) == foundation, "\(path)")
            #expect(SARIFReporter.uriPath(path, absolute: true) == "file://" + foundation, "\(path)")
        }
    }

    @Test func dotSegmentsGoAsURLRemovesThem() {
        for path in ["/a/b/c.json", "/a/./b/../c.json", "/a//b///c", "/../a", "/a/b/..", "/a/b/.", "/a/.hidden/x", "/a/..b/c",
                     "/a/b/", "/", "//", "/a/../../b", "/ü/./ß/../x"] {
            let url = URL(fileURLWithPath: path).standardizedFileURL.path
            #expect(AuditReport.removingDotSegments(path) == url, "\(path)")
        }
    }

    @Test func stringsAreQuotedAsJSON() throws {
        let tricky = "quote \" backslash \\ newline \n return \r tab \t bell \u{7} nul \u{0} unit \u{1F} del \u{7F} ünï 😀 </script>"
        let rendered = JSONText.array([.string(tricky), .object(["k\"ey": .string("")])]).rendered()
        #expect(rendered.contains(#""quote \" backslash \\ newline \n return \r tab \t bell \u0007 nul \u0000 unit \u001f del "#))
        let back = try JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [Any]
        #expect(back?.first as? String == tricky)
        #expect((back?.last as? [String: String])?["k\"ey"] == "")
    }
}
