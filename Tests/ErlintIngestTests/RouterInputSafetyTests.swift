import Foundation
import Testing
@testable import ErlintIngest
import ErlintModel

/// Hostile, malformed and foreign XML: each ends in a diagnostic, never a crash, a hang or a
/// read of another file, and the rest of the estate is still read.
@Suite struct RouterInputSafetyTests {
    let fx = Fixtures()
    static let secret = "TOP-SECRET-erlint-canary-7f3a"

    func everything(_ r: RouterConfigReader.Result) -> String {
        r.diagnostics.map(\.description).joined(separator: "\n") + String(describing: r.config as Any)
    }

    @Test func externalEntityIsRefusedAndTheOtherFileNeverRead() throws {
        let target = fx.write("secret.txt", Self.secret)
        let variants = [
            "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY xxe SYSTEM \"file://\(target)\">]>\n<configuration><system><host-name>&xxe;</host-name></system></configuration>",
            "<!DOCTYPE configuration SYSTEM \"file://\(target)\"><configuration/>",
            "<!DOCTYPE c [<!ENTITY % p SYSTEM \"file://\(target)\"> %p;]><configuration/>",
            "<!DOCTYPE c [<!ENTITY x SYSTEM \"http://127.0.0.1:9/evil.dtd\">]><configuration>&x;</configuration>",
        ]
        for (i, xml) in variants.enumerated() {
            let r = RouterConfigReader.read(file: fx.write("xxe\(i).xml", xml))
            #expect(r.config == nil)
            let d = try #require(r.diagnostics.first)
            #expect(d.severity == .error && d.message.contains("DOCTYPE"), "\(d)")
            #expect(d.location.line >= 1)
            #expect(!everything(r).contains(Self.secret))
        }
    }

    @Test func billionLaughsIsRefused() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        xml += " <!ENTITY lol1 \"" + String(repeating: "&lol;", count: 10) + "\">\n"
        for i in 2...9 { xml += " <!ENTITY lol\(i) \"" + String(repeating: "&lol\(i - 1);", count: 10) + "\">\n" }
        xml += "]>\n<configuration><system><host-name>&lol9;</host-name></system></configuration>\n"
        let clock = ContinuousClock()
        var r: RouterConfigReader.Result?
        let took = clock.measure { r = RouterConfigReader.read(file: fx.write("lol.xml", xml)) }
        #expect(r?.config == nil)
        #expect(r?.diagnostics.first?.message.contains("DOCTYPE") == true)
        // Not a benchmark: a bomb expanded would take minutes and gigabytes, refusal takes microseconds.
        #expect(took < .seconds(10))
    }

    @Test func undeclaredEntityIsMalformed() throws {
        let r = RouterConfigReader.read(file: fx.write("e.xml", "<configuration>\n<system><host-name>&nope;</host-name></system></configuration>"))
        #expect(r.config == nil)
        let d = try #require(r.diagnostics.first)
        #expect(d.severity == .error && d.message.contains("nope") && d.location.line == 2, "\(d)")
    }

    @Test(arguments: [
        ("truncated", "<configuration>\n  <protocols>\n    <bgp>\n", 3),
        ("mismatched", "<configuration>\n  <system><host-name>r</system>\n</configuration>", 2),
        ("two roots", "<configuration/>\n<configuration/>\n", 2),
        ("garbage", "<configuration>\n\u{1}</configuration>", 2),
    ])
    func malformedXMLNamesLineAndColumn(_ name: String, _ xml: String, _ line: Int) throws {
        let r = RouterConfigReader.read(file: fx.write(name + ".xml", xml))
        #expect(r.config == nil, "a half-read router would give wrong findings")
        let d = try #require(r.diagnostics.first)
        #expect(d.severity == .error && d.message.hasPrefix("malformed XML"), "\(d)")
        #expect(d.location.line == line && d.location.column >= 1, "\(d)")
    }

    @Test func truncatedFileSaysWhereItWasCut() throws {
        let r = RouterConfigReader.read(file: fx.write("cut.xml", "<configuration>\n  <protocols>\n    <bgp>\n      <group><name>G"))
        #expect(r.diagnostics.first?.message.contains("ends before <name> (opened at line 4)") == true, "\(r.diagnostics)")
    }

    @Test func emptyFile() throws {
        let r = RouterConfigReader.read(file: fx.write("empty.xml", ""))
        #expect(r.config == nil && r.diagnostics.first?.message.contains("empty") == true)
    }

    @Test func foreignDocumentsGetDiagnostics() throws {
        let unknown = RouterConfigReader.read(file: fx.write("u.xml", "<native xmlns=\"http://cisco.com/ns/yang/Cisco-IOS-XE-native\"><hostname>r</hostname></native>"))
        #expect(unknown.config == nil)
        #expect(unknown.diagnostics.first?.message
            == "unrecognised router config dialect, root element native in namespace http://cisco.com/ns/yang/Cisco-IOS-XE-native: expected Junos <configuration>, OpenConfig (http://openconfig.net/yang/…) or IOS-XR native (Cisco-IOS-XR-…-cfg) XML")
        let plain = RouterConfigReader.read(file: fx.write("p.xml", "<html><body/></html>"))
        #expect(plain.diagnostics.first?.message.contains("root element html in no namespace") == true)
        let oper = RouterConfigReader.read(file: fx.write("o.xml", "<rpc-reply><interface-information><physical-interface/></interface-information></rpc-reply>"))
        #expect(oper.config == nil && oper.diagnostics.first?.severity == .warning)
        #expect(oper.diagnostics.first?.message.contains("operational") == true)
        let error = RouterConfigReader.read(file: fx.write("err.xml", "<rpc-reply><rpc-error><error-message>access denied</error-message></rpc-error></rpc-reply>"))
        #expect(error.diagnostics.first?.message == "the NETCONF reply is an error: access denied")
    }

    @Test func aBadRouterFileLeavesTheRestOfTheEstate() throws {
        fx.write("er.json", Fixtures.circuit(flattened: false))
        fx.write("routers/good.xml", "<configuration><protocols><bgp><group><name>G</name><neighbor><name>192.168.1.2</name></neighbor></group></bgp></protocols></configuration>")
        fx.write("routers/bad.xml", "<configuration><protocols>")
        fx.write("routers/saved-as.cfg", "\n  <configuration><protocols><bgp><group><name>G</name><neighbor><name>192.168.1.6</name></neighbor></group></bgp></protocols></configuration>")
        fx.write("notes.txt", "reminder: export the routers")
        let estate = fx.load()
        #expect(estate.routers.map(\.name) == ["good", "saved-as"], "a .cfg holding XML is read as XML")
        #expect(estate.errors.count == 1 && estate.errors.first?.location.file.hasSuffix("bad.xml") == true)
        #expect(estate.skippedFiles.count == 1 && estate.diagnostics.contains { $0.message.hasPrefix("not read") })
        #expect(estate.graph.count(.circuit) == 1)
        #expect(estate.graph.unterminatedLinks().isEmpty)
    }
}

extension RouterInputSafetyTests {
    @Test func badValuesAreWarningsNamingTheText() throws {
        let xml = "<configuration><protocols><bgp><group><name>G</name><peer-as>AS12076</peer-as>"
            + "<neighbor><name>172.16.0.300</name></neighbor><neighbor><name>172.16.0.2</name></neighbor></group></bgp></protocols></configuration>"
        let r = RouterConfigReader.read(file: fx.write("bad-values.xml", xml))
        let c = try #require(r.config)
        #expect(c.sessions.map(\.neighbor.description) == ["172.16.0.2"])
        #expect(r.diagnostics.map(\.message).contains("BGP neighbor '172.16.0.300' is not an IPv4 or IPv6 address; ignored"))
        #expect(r.diagnostics.map(\.message).contains("AS number 'AS12076' is not a number or asdot (1.10); ignored"))
        #expect(r.diagnostics.allSatisfy { $0.severity == .warning && $0.location.line == 1 })
    }
}
