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
        reader.build.settleSessionsOnDisabledInterfaces()
        for stanza in reader.keptStanzas { reader.countUnread(stanza) }
        let configured = !reader.readers.isEmpty
        // What sits beside a configuration (a CLI banner, operational output) is only worth a word
        // when the document holds no configuration at all.
        var diagnostics = outcome.warnings + reader.notices + (configured ? [] : reader.besideNotices)
            + reader.replyErrors.map { configured ? $0.beside : $0.alone } + reader.build.diagnostics
        guard configured else {
            if !diagnostics.contains(where: { $0.severity != .note }) {
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
        // A document of observed state alone is named by the file name up to its first dot
        // (`edge-1.bgp-state.xml`): the name breaks a tie when it is joined to its config.
        config.name = config.hostName ?? (config.isObservedStateOnly ? String(stem(file).split(separator: ".").first ?? "") : stem(file))
        if let missed = missedNeighbors(outcome, reader.build, file: file, sessions: config.sessions.count) {
            diagnostics.append(missed)
        }
        return Result(config: config, diagnostics: diagnostics, bytes: outcome.bytes)
    }

    /// A warning when BGP neighbors lie where no reader read them (a Junos logical system or
    /// configuration group, a BGP model in a namespace or shape erlint does not know): their
    /// sessions would be missing from the audit without a word.
    static func missedNeighbors(_ outcome: XMLStreamParser.Outcome, _ build: RouterBuild, file: String, sessions: Int) -> Diagnostic? {
        let count = outcome.skippedNeighbors + build.unreadNeighbors
        guard count > 0 else { return nil }
        let read = sessions == 0 ? "no BGP session was read from this file" : "\(sessions) BGP session\(sessions == 1 ? " was" : "s were") read"
        let what = "\(count) BGP neighbor element\(count == 1 ? "" : "s") in this file \(count == 1 ? "is" : "are") not read and \(read)"
        if let s = outcome.firstSkippedNeighbor {
            let ns = s.namespace.isEmpty ? "" : " (namespace \(s.namespace))"
            return Diagnostic(.warning, SourceLocation(file: file, line: s.line, column: 1),
                "\(what): the first lies under /\(s.path.joined(separator: "/"))\(ns), where erlint reads no BGP "
                + "(Junos logical systems, and models other than Junos, OpenConfig and IOS-XR BGP, are not read); "
                + "rules that need those sessions say the side is missing")
        }
        return Diagnostic(.warning, build.firstUnreadNeighbor ?? .wholeFile(file),
            "\(what): the first is in a shape the dialect's reader does not know; rules that need those sessions say the side is missing")
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
        /// The deactivated element this one is in (or is), which turns it all off: "protocols
        /// bgp (line 12)".
        var deactivated: String?
    }

    let build: RouterBuild
    private var frames: [Frame] = []
    private(set) var readers: [DialectReader] = []
    /// Why parts of the document were not read (operational output, unknown models…).
    private(set) var notices: [Diagnostic] = []
    /// Elements of a reply that are no configuration erlint reads (a `<cli>` banner after a Junos
    /// `<configuration>`, operational output, a model of another vendor): skipped and counted, and
    /// reported only when the document turns out to hold no configuration.
    private(set) var besideNotices: [Diagnostic] = []
    /// NETCONF `<rpc-error>`s: as said when they are all the reply holds, and as said beside a
    /// configuration that was read.
    private(set) var replyErrors: [(alone: Diagnostic, beside: Diagnostic)] = []
    /// Stanzas a reader kept to read in `finish`, whose unread elements are counted after it.
    private(set) var keptStanzas: [XMLElement] = []
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

    func elementStarts(name: String, namespace: String, depth: Int, line: Int, column: Int, deactivated: Bool) -> XMLStreamParser.Action {
        let here = SourceLocation(file: build.file, line: line, column: column)
        if depth == 0 { rootLocation = here }
        if let top = frames.last, let rule = top.rule {
            guard let child = rule.rule(for: name) else { return .skip }
            switch child {
            case .stanza: return .capture
            case .children:
                let path = top.path + "/" + name
                let off = deactivated ? path.split(separator: "/").dropFirst().joined(separator: " ") + " (line \(line))" : top.deactivated
                frames.append(Frame(name: name, rule: child, reader: top.reader, path: path, deactivated: off))
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
            return enter(reader(.junos), name: name, namespace: namespace)
        }
        if depth == 0 && name == "Response" && namespace.isEmpty {
            return enter(reader(.iosxrXMLAgent), name: name, namespace: namespace)
        }
        if namespace.hasPrefix("http://openconfig.net/yang/") {
            return enter(reader(.openconfig), name: name, namespace: namespace)
        }
        if namespace.hasPrefix("http://cisco.com/ns/yang/Cisco-IOS-XR-") {
            if namespace.hasSuffix("Cisco-IOS-XR-ipv4-bgp-oper") && name == "bgp" {
                return enter(reader(.iosxr), name: IOSXRReader.bgpState, namespace: namespace)
            }
            if namespace.hasSuffix("-oper") {
                return beside(.warning, here,
                    "IOS-XR operational data (<\(name)> in \(namespace)), not configuration: export the running configuration with NETCONF <get-config>; not read")
            }
            if namespace.hasSuffix("Cisco-IOS-XR-cli-cfg") {
                return beside(.error, here,
                    "IOS-XR configuration as CLI text (<\(name)> in \(namespace)): erlint reads the YANG models (Cisco-IOS-XR-ipv4-bgp-cfg, Cisco-IOS-XR-ifmgr-cfg…), not CLI; export with NETCONF <get-config> filtered to those models")
            }
            return enter(reader(.iosxr), name: name, namespace: namespace)
        }
        let junosNamespace = namespace.isEmpty || namespace.hasPrefix("http://xml.juniper.net/")
        if junosNamespace && Self.junosTextConfigurations.contains(name) {
            return beside(.error, here,
                "Junos configuration as text (<\(name)>), not XML: erlint reads `show configuration | display xml` "
                + "(PyEZ: get_config(options={'format': 'xml'})); not read")
        }
        if junosNamespace && name == JunosReader.bgpState {
            return enter(reader(.junos), name: name, namespace: namespace)
        }
        if junosNamespace && name.hasSuffix("-information") {
            return beside(.warning, here,
                "Junos operational output (<\(name)>), not configuration: export with `show configuration | display xml`; not read")
        }
        if let wrapper, junosNamespace && Self.junosReplyExtras.contains(name) {
            // The CLI's `display xml` ends its reply with a <cli> banner; NETCONF and PyEZ replies
            // carry load or commit results: none is a router config.
            return beside(.note, here, "<\(name)> inside <\(wrapper)> holds no configuration; skipped")
        }
        let ns = namespace.isEmpty ? "no namespace" : "namespace \(namespace)"
        let inside = wrapper.map { " inside <\($0)>" } ?? ""
        return beside(.error, here,
            "unrecognised router config dialect, root element \(name) in \(ns)\(inside): expected Junos <configuration>, OpenConfig (http://openconfig.net/yang/…) or IOS-XR native (Cisco-IOS-XR-…-cfg) XML")
    }

    /// Skips an element that is no configuration erlint reads, keeping what to say of it should
    /// the document hold no configuration at all.
    private func beside(_ severity: Diagnostic.Severity, _ here: SourceLocation, _ message: String) -> XMLStreamParser.Action {
        besideNotices.append(Diagnostic(severity, here, message))
        return .ignore
    }

    /// What Junos answers when the configuration is asked for as text or set commands.
    private static let junosTextConfigurations: Set<String> = ["configuration-information", "configuration-text", "configuration-set", "configuration-output"]
    /// Elements of a Junos reply beside its configuration that hold none.
    private static let junosReplyExtras: Set<String> = [
        "cli", "banner", "load-configuration-results", "commit-results", "load-success", "ok", "output", "warning",
    ]

    private static let wrappers: Set<String> = ["rpc-reply", "rpc", "data", "config"]

    private func enter(_ reader: DialectReader, name: String, namespace: String) -> XMLStreamParser.Action {
        guard let rule = reader.rule(forTop: name) else {
            let model = (namespace.split(separator: "/").last.map(String.init) ?? "") + " " + name
            if Self.cryptoWords.contains(where: { model.lowercased().contains($0) }) {
                let what = "<\(name)>" + (namespace.isEmpty ? "" : " (\(namespace))")
                if !build.config.unreadCrypto.contains(what) { build.config.unreadCrypto.append(what) }
            }
            // A model of a known dialect that erlint does not read (OpenConfig `lldp`, IOS-XR
            // `syslog`…): counted as skipped, like any unknown element.
            return .skip
        }
        if case .stanza = rule {
            // A list entry exported alone (one OpenConfig network instance): read whole.
            topStanza = (reader, name)
            return .capture
        }
        frames.append(Frame(name: name, rule: rule, reader: reader, path: name))
        return .descend
    }

    /// Words that mark a model as crypto configuration (IKE, IPsec, MACsec, keys).
    private static let cryptoWords = ["crypto", "ipsec", "ikev2", "ike-", "macsec", "mka", "keychain"]

    /// A top element read whole as a stanza, until it is handed out.
    private var topStanza: (reader: DialectReader, name: String)?

    func elementEnds() {
        if !frames.isEmpty { frames.removeLast() }
    }

    func stanza(_ element: XMLElement) {
        if element.name == "rpc-error" {
            readReplyError(element)
            return
        }
        if let (reader, name) = topStanza {
            topStanza = nil
            read(element, path: name, by: reader)
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
        read(element, path: path, by: reader)
    }

    /// Hands a stanza to its reader, and counts what it left unread (now, or after `finish`
    /// for a stanza the reader keeps).
    private func read(_ stanza: XMLElement, path: String, by reader: DialectReader) {
        build.keepsStanza = false
        build.deactivatedAncestor = frames.last?.deactivated
        let element = reader.expand(stanza, path: path)
        reader.read(element, path: path, into: build)
        if build.keepsStanza {
            keptStanzas.append(element)
        } else {
            countUnread(element)
        }
    }

    /// Counts what no reader read of a stanza, and the BGP neighbors among it.
    func countUnread(_ element: XMLElement) {
        let unread = element.unread()
        build.unreadElements += unread.elements
        build.unreadNeighbors += unread.neighbors
        if build.firstUnreadNeighbor == nil, let first = unread.firstNeighbor { build.firstUnreadNeighbor = build.location(first) }
    }

    /// A NETCONF `<rpc-error>`: an error when the reply holds nothing else, a warning beside a
    /// configuration that was read (which may then be incomplete), and a warning whenever the
    /// router says its severity is `warning` (Junos warns so of deprecated statements).
    private func readReplyError(_ element: XMLElement) {
        let message = element.string("error-message") ?? element.string("error-tag") ?? "no message"
        let here = build.location(element)
        if element.string("error-severity") == "warning" {
            let d = Diagnostic(.warning, here, "the NETCONF reply carries a warning: \(message)")
            replyErrors.append((d, d))
            return
        }
        replyErrors.append((Diagnostic(.error, here, "the NETCONF reply is an error: \(message)"),
                            Diagnostic(.warning, here, "the NETCONF reply carries an error beside the configuration, which was read but may be incomplete: \(message)")))
    }
}
