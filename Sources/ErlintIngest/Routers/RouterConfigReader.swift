import ErlintModel

/// Reads one router config file: finds the dialect from the document itself (never the file
/// name), streams it, and hands each stanza to the dialect's reader.
///
/// Accepted document shapes: a bare `<configuration>` (Junos), `<rpc-reply>` around it, NETCONF
/// `<rpc-reply><data>` or `<config>` holding OpenConfig and IOS-XR model roots (several models may
/// sit side by side), and the IOS-XR XML agent's `<Response>`. Anything else is a diagnostic that
/// names the root element and its namespace.
final class RouterConfigReader: XMLStanzaHandler {
    /// What `read` returns: the config, or nil when the file holds none erlint can use.
    struct Result {
        var config: RouterConfig?
        var diagnostics: [Diagnostic]
        var bytes: Int
    }

    static func read(file: String) -> Result {
        let reader = RouterConfigReader(file: file)
        let outcome = XMLStreamParser.parse(file: file, handler: reader)
        if let fatal = outcome.fatal {
            return Result(config: nil, diagnostics: [fatal] + outcome.warnings + reader.notices, bytes: outcome.bytes)
        }
        for r in reader.readers { r.finish(into: reader.build) }
        var diagnostics = outcome.warnings + reader.notices + reader.build.diagnostics
        guard !reader.readers.isEmpty else {
            if reader.notices.isEmpty {
                diagnostics.append(Diagnostic(.warning, reader.rootLocation ?? .wholeFile(file),
                    "no router configuration in this document: it holds no Junos, OpenConfig or IOS-XR configuration model"))
            }
            return Result(config: nil, diagnostics: diagnostics, bytes: outcome.bytes)
        }
        var config = reader.build.config
        config.dialects = Array(Set(reader.readers.map(\.dialect))).sorted()
        config.elementCount = outcome.elementCount
        config.skippedElements = outcome.skippedElements + reader.build.unreadElements
        if let root = reader.rootLocation { config.location = root }
        config.name = config.hostName ?? stem(file)
        return Result(config: config, diagnostics: diagnostics, bytes: outcome.bytes)
    }

    static func stem(_ file: String) -> String {
        let last = file.split(separator: "/").last.map(String.init) ?? file
        if let dot = last.lastIndex(of: "."), dot != last.startIndex { return String(last[..<dot]) }
        return last
    }

    // MARK: Streaming

    /// An open element the reader walked into: a NETCONF wrapper (no rule) or a dialect container.
    private struct Frame {
        var name: String
        var rule: PathRule?
        var reader: DialectReader?
        /// The element names from the dialect's top element down to this one, joined by `/`.
        var path: String
        /// The paths of the stanzas met in this element, by element name: made once, not joined
        /// anew for each of a thousand interfaces.
        var stanzaPaths: [(name: Int32, path: String)] = []
    }

    let build: RouterBuild
    private var frames: [Frame] = []
    private(set) var readers: [DialectReader] = []
    /// Why parts of the document were not read (operational output, unknown models…).
    private(set) var notices: [Diagnostic] = []
    private(set) var rootLocation: SourceLocation?

    private init(file: String) { build = RouterBuild(file: file) }

    /// The document's reader for a dialect, made when the dialect is first met.
    private func reader(_ dialect: RouterDialect) -> DialectReader {
        if let existing = readers.first(where: { $0.dialect == dialect }) { return existing }
        let made: DialectReader = switch dialect {
        case .junos: JunosReader()
        case .openconfig: OpenConfigReader()
        case .iosxr, .iosxrXMLAgent: IOSXRReader(dialect: dialect)
        }
        readers.append(made)
        return made
    }

    func elementStarts(name: String, namespace: String, depth: Int, line: Int, column: Int) -> XMLStreamParser.Action {
        let here = SourceLocation(file: build.file, line: line, column: column)
        if depth == 0 { rootLocation = here }
        if let top = frames.last, let rule = top.rule {
            guard let child = rule.rule(for: name) else { return .skip }
            switch child {
            case .stanza: return .capture
            case .children:
                frames.append(Frame(name: name, rule: child, reader: top.reader, path: top.path + "/" + name))
                return .descend
            }
        }
        // Outside any dialect: the document element or a NETCONF wrapper's child.
        let wrapper = frames.last?.name
        if Self.wrappers.contains(name) && (wrapper == nil || wrapper == "rpc-reply" || wrapper == "rpc") {
            frames.append(Frame(name: name, rule: nil, reader: nil, path: ""))
            return .descend
        }
        if name == "rpc-error" {
            return .capture
        }
        if name == "configuration" && !namespace.hasPrefix("http://openconfig.net/") && !namespace.contains("cisco.com") {
            return enter(reader(.junos), name: name)
        }
        if depth == 0 && name == "Response" && namespace.isEmpty {
            return enter(reader(.iosxrXMLAgent), name: name)
        }
        if namespace.hasPrefix("http://openconfig.net/yang/") {
            return enter(reader(.openconfig), name: name)
        }
        if namespace.hasPrefix("http://cisco.com/ns/yang/Cisco-IOS-XR-") {
            if namespace.hasSuffix("-oper") {
                notices.append(Diagnostic(.warning, here,
                    "IOS-XR operational data (<\(name)> in \(namespace)), not configuration: export the running configuration with NETCONF <get-config>; not read"))
                return .skip
            }
            if namespace.hasSuffix("Cisco-IOS-XR-cli-cfg") {
                notices.append(Diagnostic(.error, here,
                    "IOS-XR configuration as CLI text (<\(name)> in \(namespace)): erlint reads the YANG models (Cisco-IOS-XR-ipv4-bgp-cfg, Cisco-IOS-XR-ifmgr-cfg…), not CLI; export with NETCONF <get-config> filtered to those models"))
                return .skip
            }
            return enter(reader(.iosxr), name: name)
        }
        if name.hasSuffix("-information") && (namespace.isEmpty || namespace.hasPrefix("http://xml.juniper.net/")) {
            notices.append(Diagnostic(.warning, here,
                "Junos operational output (<\(name)>), not configuration: export with `show configuration | display xml`; not read"))
            return .skip
        }
        let ns = namespace.isEmpty ? "no namespace" : "namespace \(namespace)"
        let inside = wrapper.map { " inside <\($0)>" } ?? ""
        notices.append(Diagnostic(.error, here,
            "unrecognised router config dialect, root element \(name) in \(ns)\(inside): expected Junos <configuration>, OpenConfig (http://openconfig.net/yang/…) or IOS-XR native (Cisco-IOS-XR-…-cfg) XML"))
        return .skip
    }

    private static let wrappers: Set<String> = ["rpc-reply", "rpc", "data", "config"]

    private func enter(_ reader: DialectReader, name: String) -> XMLStreamParser.Action {
        guard let rule = reader.rule(forTop: name) else {
            // A model of a known dialect that erlint does not read (OpenConfig `lldp`, IOS-XR
            // `syslog`…): counted as skipped, like any unknown element.
            return .skip
        }
        frames.append(Frame(name: name, rule: rule, reader: reader, path: name))
        return .descend
    }

    func elementEnds() {
        if !frames.isEmpty { frames.removeLast() }
    }

    func stanza(_ element: XMLElement) {
        if element.name == "rpc-error" {
            let message = element.string("error-message") ?? element.string("error-tag") ?? "no message"
            notices.append(Diagnostic(.error, build.location(element), "the NETCONF reply is an error: \(message)"))
            return
        }
        guard let top = frames.last, let reader = top.reader else { return }
        let name = element.nameNumber
        let path: String
        if let known = top.stanzaPaths.first(where: { $0.name == name }) {
            path = known.path
        } else {
            path = top.path + "/" + element.name
            frames[frames.count - 1].stanzaPaths.append((name, path))
        }
        reader.read(element, path: path, into: build)
        build.unreadElements += element.unreadCount()
    }
}
