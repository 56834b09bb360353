import CLibXML2
import ErlintModel
import Foundation

/// Says, element by element, what the stream parser does with a router config: walk into it,
/// capture it whole as a stanza, or skip it (counted as not understood).
protocol XMLStanzaHandler: AnyObject {
    /// An element starts outside any captured stanza; `depth` is 0 for the document element.
    /// `deactivated`: it carries an `inactive` attribute (Junos `deactivate`), which turns off
    /// everything inside it.
    func elementStarts(name: String, namespace: String, depth: Int, line: Int, column: Int, deactivated: Bool) -> XMLStreamParser.Action
    /// An element the handler chose to descend into has ended.
    func elementEnds()
    /// A captured stanza is complete.
    func stanza(_ element: XMLElement)
}

/// Streams an XML file through libxml2's SAX2 push parser, so a 200 MB export is read in 1 MiB
/// chunks and only the stanza being read (one interface, one BGP group) is ever held in memory.
///
/// Hostile input: the parser never touches the network (`XML_PARSE_NONET`), never loads a DTD or
/// substitutes entities, and keeps libxml2's size and depth limits (no `XML_PARSE_HUGE`). A
/// document type declaration stops the parse the moment it starts, before its internal subset
/// is read: router configs never have one, and it is the only way to declare the external
/// entities and entity bombs that attack XML readers.
enum XMLStreamParser {
    /// `skip` leaves out an element erlint does not use (counted, and watched for BGP it would
    /// miss); `ignore` one known to hold no configuration (a CLI banner, operational output),
    /// counted only.
    enum Action { case descend, capture, skip, ignore }

    /// A BGP neighbor left in a skipped element: its sessions are missing from the audit.
    struct SkippedNeighbor {
        var line: Int
        /// The names of the elements from the document element down to the neighbor.
        var path: [String]
        var namespace: String
    }

    struct Outcome {
        var elementCount = 0
        /// Elements skipped by the handler's `skip`, with all their descendants.
        var skippedElements = 0
        var bytes = 0
        /// A fatal problem: the document is not well-formed, was refused, or could not be read.
        var fatal: Diagnostic?
        /// Recoverable problems (namespace errors…), capped per file.
        var warnings: [Diagnostic] = []
        /// BGP neighbors (elements named `neighbor`, any case) inside skipped elements, and the first.
        var skippedNeighbors = 0
        var firstSkippedNeighbor: SkippedNeighbor?
    }

    static let chunkSize = 1 << 20
    /// The attribute Junos writes on a deactivated statement, as libxml2 compares it.
    nonisolated(unsafe) static let inactive: UnsafePointer<xmlChar> = {
        let bytes = Array("inactive".utf8) + [0]
        let p = UnsafeMutablePointer<xmlChar>.allocate(capacity: bytes.count)
        p.initialize(from: bytes, count: bytes.count)
        return UnsafePointer(p)
    }()
    static let maxWarnings = 20

    static func parse(file: String, handler: XMLStanzaHandler) -> Outcome {
        initialize
        let input = open(file, O_RDONLY)
        guard input >= 0 else {
            return Outcome(fatal: Diagnostic(.error, .wholeFile(file), "cannot read the file: not readable"))
        }
        defer { close(input) }
        // Read into one buffer of the file's size, up to a chunk: most configs are a few tens of
        // kilobytes, and a fresh chunk-sized `Data` per read was a megabyte of new pages per file.
        var status = stat()
        let size = fstat(input, &status) == 0 ? Int(status.st_size) : chunkSize
        let capacity = min(max(size, 4096) + 1, chunkSize)
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        defer { buffer.deallocate() }

        var sax = xmlSAXHandler()
        sax.initialized = XML_SAX2_MAGIC
        sax.startElementNs = onStartElement
        sax.endElementNs = onEndElement
        sax.characters = onCharacters
        sax.cdataBlock = onCharacters
        sax.internalSubset = onDocumentType
        sax.serror = onError

        let state = ParseState(file: file, handler: handler)
        let opaque = Unmanaged.passUnretained(state).toOpaque()
        guard let ctxt = xmlCreatePushParserCtxt(&sax, opaque, nil, 0, file) else {
            return Outcome(fatal: Diagnostic(.error, .wholeFile(file), "cannot start the XML parser (out of memory?)"))
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let options = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
        xmlCtxtUseOptions(ctxt, Int32(options))
        state.context = ctxt

        while state.outcome.fatal == nil {
            let n = read(input, buffer, capacity)
            if n < 0 {
                if errno == EINTR { continue }
                state.outcome.fatal = Diagnostic(.error, .wholeFile(file), "cannot read the file: \(String(cString: strerror(errno)))")
                break
            }
            if n == 0 { break }
            state.outcome.bytes += n
            _ = xmlParseChunk(ctxt, buffer, Int32(n), 0)
        }
        if state.outcome.bytes == 0 {
            return Outcome(fatal: Diagnostic(.error, SourceLocation(file: file, line: 1, column: 1),
                                             "the file is empty: expected a router config in XML"))
        }
        if state.outcome.fatal == nil {
            _ = xmlParseChunk(ctxt, nil, 0, 1)
            // libxml2 words a cut-off file as "extra content" or "premature end"; say what happened.
            if state.outcome.fatal != nil, let open = state.open.last {
                let end = state.position()
                state.outcome.fatal = Diagnostic(.error, end,
                    "malformed XML: the file ends before <\(state.names[open.name])> (opened at line \(open.line)) is closed; a truncated export? The router config is not used")
            }
        }
        if state.outcome.fatal == nil, ctxt.pointee.wellFormed == 0 {
            state.outcome.fatal = Diagnostic(.error, .wholeFile(file), "malformed XML (libxml2 gave no detail)")
        }
        if state.droppedWarnings > 0 {
            state.outcome.warnings.append(Diagnostic(.warning, .wholeFile(file),
                "\(state.droppedWarnings) more XML warnings not shown"))
        }
        return state.outcome
    }

    /// libxml2 must be initialised once, before threads parse concurrently.
    private static let initialize: Void = { xmlInitParser() }()
}

/// The parse in progress; the C callbacks reach it through libxml2's user-data pointer.
private final class ParseState {
    let file: String
    /// Held by `parse(file:handler:)` for the whole parse; not counted here on every element.
    unowned(unsafe) let handler: XMLStanzaHandler
    var context: xmlParserCtxtPtr?
    var outcome = XMLStreamParser.Outcome()
    var droppedWarnings = 0
    /// Names and lines of the open elements (all kinds), for the depth and for the message when a
    /// file is cut off.
    var open: [(name: Int32, line: Int32)] = []
    /// Open elements inside a skipped subtree (0: not skipping).
    var skipDepth = 0
    /// Whether the skipped subtree is one the handler knows holds no configuration (`ignore`).
    var skipIsIgnored = false
    let names = XMLNameTable()
    /// The stanza being captured (its elements, text and attributes, as `CapturedElements` holds
    /// them), kept here while it is read: through an object of its own, every element's start,
    /// end and text retained and released it. It moves into `shared` when complete.
    var nodes: [CapturedElements.Node] = []
    var text: [UInt8] = []
    var attributes: [(name: Int32, value: String)] = []
    /// The object the last stanza was handed out in, reused for the next one unless a reader
    /// kept an element of it (a Junos BGP group is kept until the end of the file).
    var shared: CapturedElements
    /// The open elements of the stanza being captured (node numbers).
    var captured: [Int] = []

    init(file: String, handler: XMLStanzaHandler) {
        self.file = file
        self.handler = handler
        shared = CapturedElements(names: names)
    }

    func start(_ localname: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?, _ count: Int,
               _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        outcome.elementCount += 1
        let depth = open.count
        let elementName = names.number(localname)
        if skipDepth > 0 {
            skipDepth += 1
            outcome.skippedElements += 1
            open.append((elementName, context?.pointee.input.pointee.line ?? 0))
            if !skipIsIgnored, names.isNeighbor(elementName) { noteSkippedNeighbor(uri) }
            return
        }
        let (line, column) = elementStart()
        open.append((elementName, Int32(truncatingIfNeeded: line)))
        let namespace = names.number(uri)
        if !captured.isEmpty {
            capture(elementName, namespace, line, column, count, attributes)
            return
        }
        var deactivated = false
        if count > 0, let attributes {
            for i in 0..<count where xmlStrEqual(attributes[i * 5], XMLStreamParser.inactive) != 0 { deactivated = true }
        }
        let action = handler.elementStarts(name: names[elementName], namespace: names[namespace], depth: depth, line: line, column: column,
                                           deactivated: deactivated)
        switch action {
        case .descend:
            break
        case .skip, .ignore:
            skipDepth = 1
            skipIsIgnored = action == .ignore
            outcome.skippedElements += 1
            if !skipIsIgnored, names.isNeighbor(elementName) { noteSkippedNeighbor(uri) }
        case .capture:
            capture(elementName, namespace, line, column, count, attributes)
        }
    }

    /// Counts a neighbor met in a skipped element, and keeps where the first one lies.
    func noteSkippedNeighbor(_ uri: UnsafePointer<xmlChar>?) {
        outcome.skippedNeighbors += 1
        guard outcome.firstSkippedNeighbor == nil, let last = open.last else { return }
        outcome.firstSkippedNeighbor = XMLStreamParser.SkippedNeighbor(
            line: Int(last.line), path: open.map { names[$0.name] }, namespace: names[names.number(uri)])
    }

    func capture(_ name: Int32, _ namespace: Int32, _ line: Int, _ column: Int, _ count: Int,
                 _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let attributeStart = self.attributes.count
        if count > 0, let attributes {
            for i in 0..<count {
                // Five pointers per attribute: local name, prefix, URI, value start, value end.
                let base = i * 5
                guard let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                self.attributes.append((names.number(attributes[base]), value))
            }
        }
        captured.append(nodes.count)
        nodes.append(CapturedElements.Node(
            name: name, namespace: namespace, line: Int32(truncatingIfNeeded: line), column: Int32(truncatingIfNeeded: column), end: 0,
            attributeStart: Int32(truncatingIfNeeded: attributeStart), attributeCount: Int32(truncatingIfNeeded: self.attributes.count - attributeStart),
            textStart: 0, textCount: 0))
    }

    func end() {
        open.removeLast()
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        if let top = captured.popLast() {
            nodes[top].end = Int32(truncatingIfNeeded: nodes.count)
            if captured.isEmpty { handOut() }
            return
        }
        handler.elementEnds()
    }

    /// Hands the complete stanza to the handler in `shared`, and takes its storage back for the
    /// next one when no reader kept an element of it.
    func handOut() {
        swap(&shared.nodes, &nodes)
        swap(&shared.text, &text)
        swap(&shared.attributes, &attributes)
        handler.stanza(XMLElement(stanza: shared, index: 0))
        if isKnownUniquelyReferenced(&shared) {
            swap(&shared.nodes, &nodes)
            swap(&shared.text, &text)
            swap(&shared.attributes, &attributes)
            nodes.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
            self.attributes.removeAll(keepingCapacity: true)
        } else {
            shared = CapturedElements(names: names)
        }
    }

    func characters(_ bytes: UnsafePointer<xmlChar>?, _ count: Int) {
        guard let top = captured.last, let bytes, count > 0 else { return }
        let buffer = UnsafeBufferPointer(start: bytes, count: count)
        if nodes[top].textCount == 0, buffer.allSatisfy(XMLElement.isSpace) { return }
        CapturedElements.appendText(buffer, to: top, nodes: &nodes, text: &text)
    }

    /// Line and column of the `<` that opened the element being reported. libxml2 reports the
    /// position after the start tag, so this walks back over the tag (attribute values cannot
    /// hold a literal `<`) in the parser's buffer.
    func elementStart() -> (Int, Int) {
        guard let input = context?.pointee.input else { return (0, 0) }
        let line = Int(input.pointee.line)
        let column = Int(input.pointee.col)
        guard let base = input.pointee.base, let cur = input.pointee.cur, cur > base else { return (line, column) }
        // Nearly always the tag is on one line and ASCII: then its `<` is found eight bytes at a
        // time, and the bytes after it are its characters.
        var end = cur
        while end - base >= 8 {
            let word = UnsafeRawPointer(end - 8).loadUnaligned(as: UInt64.self).littleEndian
            let opening = Self.zeroBytes(word ^ 0x3C3C_3C3C_3C3C_3C3C)
            let unusual = Self.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A) | (word & 0x8080_8080_8080_8080)
            if opening != 0 {
                // The last `<` of the word: the highest byte (the one nearest `cur`).
                let k = (63 - opening.leadingZeroBitCount) / 8
                let after: UInt64 = k == 7 ? 0 : ~0 << UInt64(8 * (k + 1))
                if unusual & after != 0 { break }
                return (line, max(1, column - (cur - (end - 8 + k))))
            }
            if unusual != 0 { break }
            end -= 8
        }
        var p = cur
        var newlines = 0
        var scalars = 0
        var found = false
        while p > base {
            p -= 1
            let b = p.pointee
            if b == 0x3C { found = true; break }
            if b == 0x0A { newlines += 1 }
            if b & 0xC0 != 0x80 { scalars += 1 }
        }
        guard found else { return (line, column) }
        if newlines == 0 { return (line, max(1, column - scalars - 1)) }
        var before = 0
        while p > base {
            p -= 1
            if p.pointee == 0x0A { break }
            if p.pointee & 0xC0 != 0x80 { before += 1 }
        }
        return (line - newlines, before + 1)
    }

    /// The high bit of each byte of `v` that is zero, and no other bit.
    @inline(__always) static func zeroBytes(_ v: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((v & low7) &+ low7) | v | low7)
    }

    func position() -> SourceLocation {
        guard let input = context?.pointee.input else { return .wholeFile(file) }
        return SourceLocation(file: file, line: Int(input.pointee.line), column: Int(input.pointee.col))
    }

    func stop(_ diagnostic: Diagnostic) {
        if outcome.fatal == nil { outcome.fatal = diagnostic }
        if let context { xmlStopParser(context) }
    }

    func error(_ e: UnsafePointer<xmlError>) {
        let raw = e.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
        let message = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let location = e.pointee.line > 0
            ? SourceLocation(file: file, line: Int(e.pointee.line), column: max(1, Int(e.pointee.int2)))
            : position()
        if e.pointee.level == XML_ERR_FATAL {
            if outcome.fatal == nil {
                outcome.fatal = Diagnostic(.error, location, "malformed XML: \(message); the router config is not used")
            }
        } else if outcome.warnings.count < XMLStreamParser.maxWarnings {
            outcome.warnings.append(Diagnostic(.warning, location, "XML: \(message)"))
        } else {
            droppedWarnings += 1
        }
    }
}

private func state(_ ctx: UnsafeMutableRawPointer?) -> ParseState? {
    ctx.map { Unmanaged<ParseState>.fromOpaque($0).takeUnretainedValue() }
}

/// Calls `body` on the parse state without retaining it: `parse(file:handler:)` holds it for the
/// whole parse, and the start, end and text callbacks come for every element (a retain and a
/// release each, atomic, a few hundred thousand times per estate).
private func withState(_ ctx: UnsafeMutableRawPointer?, _ body: (ParseState) -> Void) {
    guard let ctx else { return }
    Unmanaged<ParseState>.fromOpaque(ctx)._withUnsafeGuaranteedRef(body)
}

private func onStartElement(
    _ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
    _ uri: UnsafePointer<xmlChar>?, _ namespaceCount: Int32, _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?,
    _ attributeCount: Int32, _ defaulted: Int32, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    withState(ctx) { $0.start(localname, uri, Int(attributeCount), attributes) }
}

private func onEndElement(_ ctx: UnsafeMutableRawPointer?, _ localname: UnsafePointer<xmlChar>?,
                          _ prefix: UnsafePointer<xmlChar>?, _ uri: UnsafePointer<xmlChar>?) {
    withState(ctx) { $0.end() }
}

private func onCharacters(_ ctx: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
    withState(ctx) { $0.characters(bytes, Int(count)) }
}

private func onDocumentType(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
                            _ externalID: UnsafePointer<xmlChar>?, _ systemID: UnsafePointer<xmlChar>?) {
    guard let s = state(ctx) else { return }
    let root = name.map { String(cString: $0) } ?? "?"
    s.stop(Diagnostic(.error, s.position(),
        "document type declaration <!DOCTYPE \(root)> refused: router configs have none, and a DTD is how external entities and entity-expansion bombs get in; the file is not read"))
}

private func onError(_ ctx: UnsafeMutableRawPointer?, _ error: UnsafeMutablePointer<xmlError>?) {
    guard let s = state(ctx), let error else { return }
    s.error(UnsafePointer(error))
}
