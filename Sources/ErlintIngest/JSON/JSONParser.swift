/// A JSON syntax error at a byte offset, with what the parser expected there.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public let offset: Int
    public let message: String
}

/// Builds a `JSONDocument` tape from UTF-8 bytes (RFC 8259).
///
/// Iterative, with an explicit stack, so 100,000 nested arrays cannot overflow the thread's
/// stack; nesting beyond `maxDepth` is reported as an error rather than parsed, because no
/// Azure export nests that deep and every later stage can then rely on bounded depth.
public enum JSONParser {
    public static let defaultMaxDepth = 512

    private enum State { case value, valueOrEnd, key, keyOrEnd, afterValue }

    public static func parse(_ bytes: [UInt8], startingAt start: Int = 0, maxDepth: Int = defaultMaxDepth)
        throws(JSONSyntaxError) -> JSONDocument
    {
        try parse(FileBytes(copying: bytes), startingAt: start, maxDepth: maxDepth)
    }

    /// The same over a file's bytes as read, which the document keeps (no copy).
    static func parse(_ file: FileBytes, startingAt start: Int = 0, maxDepth: Int = defaultMaxDepth)
        throws(JSONSyntaxError) -> JSONDocument
    {
        let bytes = file.contents
        guard bytes.count < Int(UInt32.max) else {
            throw JSONSyntaxError(offset: 0, message: "file larger than 4 GiB: split the export")
        }
        var tape = Tape(count: bytes.count, start: start)
        do {
            try tape.run(bytes, maxDepth: maxDepth)
        } catch {
            tape.tokens.deallocate()
            throw error
        }
        return JSONDocument(storage: .init(file: file, tokens: UnsafeMutableBufferPointer(start: tape.tokens, count: tape.count)))
    }

    /// The parse in progress. Its state lives in a struct's stored properties, not in locals
    /// captured by a closure and a nested function: captured locals are boxed and every access
    /// to them was checked for exclusivity at run time, which was a fifth of the parse.
    ///
    /// The tokens grow in memory the tape allocates itself and hands to the document, which frees
    /// it: no array to check for uniqueness on every append, and no copy at the end.
    private struct Tape {
        var tokens: UnsafeMutablePointer<JSONDocument.Token>
        var count = 0
        var capacity: Int
        var stack: [Int] = []
        var state = State.value
        var i: Int

        init(count: Int, start: Int) {
            capacity = count / 6 + 16
            tokens = .allocate(capacity: capacity)
            stack.reserveCapacity(64)
            i = start
        }

        mutating func append(_ token: JSONDocument.Token) {
            if count == capacity { tokens = .doubling(tokens, count: count, capacity: &capacity) }
            (tokens + count).initialize(to: token)
            count += 1
        }

        mutating func close(_ at: Int) {
            let open = stack.removeLast()
            tokens[open].end = UInt32(count)
            state = .afterValue
            i = at + 1
        }

        mutating func run(_ p: UnsafeBufferPointer<UInt8>, maxDepth: Int) throws(JSONSyntaxError) {
            let n = p.count
            func found(_ at: Int) -> String { at >= n ? "the end of the file" : describe(p[at]) }
            while true {
                // Whitespace.
                while i < n {
                    let c = p[i]
                    if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
                }
                if i >= n { break }
                let c = p[i]
                switch state {
                case .value, .valueOrEnd:
                    if c == UInt8(ascii: "]") && state == .valueOrEnd { close(i); continue }
                    switch c {
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        if stack.count >= maxDepth {
                            throw JSONSyntaxError(offset: i, message:
                                "nesting deeper than \(maxDepth) levels: expected at most \(maxDepth) nested objects or arrays")
                        }
                        stack.append(count)
                        append(.init(kind: c == UInt8(ascii: "{") ? .object : .array, start: UInt32(i), end: 0))
                        state = c == UInt8(ascii: "{") ? .keyOrEnd : .valueOrEnd
                        i += 1
                    case UInt8(ascii: "\""):
                        let (end, escaped) = try scanString(p, i)
                        append(.init(kind: escaped ? .escapedString : .string, start: UInt32(i), end: UInt32(end)))
                        i = end
                        state = .afterValue
                    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        let end = try scanNumber(p, i)
                        append(.init(kind: .number, start: UInt32(i), end: UInt32(end)))
                        i = end
                        state = .afterValue
                    case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                        let (kind, word): (JSONDocument.Kind, StaticString) =
                            c == UInt8(ascii: "t") ? (.true, "true") : c == UInt8(ascii: "f") ? (.false, "false") : (.null, "null")
                        let len = word.utf8CodeUnitCount
                        var ok = i + len <= n
                        if ok { for k in 0..<len where p[i + k] != word.utf8Start[k] { ok = false; break } }
                        guard ok else {
                            throw JSONSyntaxError(offset: i, message:
                                "expected a JSON value (object, array, string, number, true, false or null), found \(found(i))")
                        }
                        append(.init(kind: kind, start: UInt32(i), end: UInt32(i + len)))
                        i += len
                        state = .afterValue
                    default:
                        let what = state == .valueOrEnd ? "a JSON value or ']'" :
                            "a JSON value (object, array, string, number, true, false or null)"
                        throw JSONSyntaxError(offset: i, message: "expected \(what), found \(found(i))")
                    }
                case .key, .keyOrEnd:
                    if c == UInt8(ascii: "}") && state == .keyOrEnd { close(i); continue }
                    guard c == UInt8(ascii: "\"") else {
                        let what = state == .keyOrEnd ? "a member name in double quotes or '}'" : "a member name in double quotes"
                        throw JSONSyntaxError(offset: i, message: "expected \(what), found \(found(i))")
                    }
                    let (end, escaped) = try scanString(p, i)
                    append(.init(kind: escaped ? .escapedString : .string, start: UInt32(i), end: UInt32(end)))
                    i = end
                    while i < n, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
                    guard i < n, p[i] == UInt8(ascii: ":") else {
                        throw JSONSyntaxError(offset: i, message: "expected ':' after the member name, found \(found(i))")
                    }
                    i += 1
                    state = .value
                case .afterValue:
                    guard let open = stack.last else {
                        throw JSONSyntaxError(offset: i, message:
                            "expected the end of the file after the top-level value, found \(found(i))")
                    }
                    if tokens[open].kind == .object {
                        if c == UInt8(ascii: ",") { state = .key; i += 1 }
                        else if c == UInt8(ascii: "}") { close(i) }
                        else { throw JSONSyntaxError(offset: i, message: "expected ',' or '}' in the object, found \(found(i))") }
                    } else {
                        if c == UInt8(ascii: ",") { state = .value; i += 1 }
                        else if c == UInt8(ascii: "]") { close(i) }
                        else { throw JSONSyntaxError(offset: i, message: "expected ',' or ']' in the array, found \(found(i))") }
                    }
                }
            }
            if let open = stack.last {
                let what = tokens[open].kind == .object ? "'}'" : "']'"
                throw JSONSyntaxError(offset: n, message:
                    "unexpected end of file: expected \(what) to close the \(tokens[open].kind == .object ? "object" : "array") opened at byte \(tokens[open].start)")
            }
            if count == 0 {
                throw JSONSyntaxError(offset: n, message: "empty file: expected a JSON value")
            }
            if state != .afterValue {
                throw JSONSyntaxError(offset: n, message: "unexpected end of file: expected a JSON value")
            }
        }
    }

    /// Scans a string starting at its opening quote; returns the offset past the closing quote.
    private static func scanString(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) throws(JSONSyntaxError) -> (Int, Bool) {
        var j = start + 1
        let n = p.count
        var escaped = false
        let raw = UnsafeRawPointer(p.baseAddress!)
        while j < n {
            // Eight bytes at a time while none is a quote, a backslash or a control character
            // (the usual tests for a zero byte and for a byte below 0x20 in a word): ids are
            // long, and this loop was the parser's largest cost when it went byte by byte. A
            // borrow can flag a byte above a real match but never below one, so the lowest
            // flagged byte (the first in memory, on a little-endian machine) is the quote,
            // backslash or control character: the scan jumps to it instead of stepping there.
            while j + 8 <= n {
                let v = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                let quote = v ^ 0x2222_2222_2222_2222, backslash = v ^ 0x5C5C_5C5C_5C5C_5C5C
                let special = (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((v &- ones &* 0x20) & ~v)) & highs
                if special != 0 {
                    #if _endian(little)
                    j += special.trailingZeroBitCount >> 3
                    #endif
                    break
                }
                j += 8
            }
            guard j < n else { break }
            let c = p[j]
            if c == UInt8(ascii: "\"") { return (j + 1, escaped) }
            if c == UInt8(ascii: "\\") {
                escaped = true
                guard j + 1 < n else { break }
                let e = p[j + 1]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    j += 2
                case UInt8(ascii: "u"):
                    guard j + 5 < n, (2...5).allSatisfy({ hexValue(p[j + $0]) < 16 }) else {
                        throw JSONSyntaxError(offset: j, message: "invalid \\u escape: expected four hexadecimal digits")
                    }
                    j += 6
                default:
                    throw JSONSyntaxError(offset: j, message:
                        "invalid escape \\\(describeRaw(e)) in string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                }
                continue
            }
            if c < 0x20 {
                throw JSONSyntaxError(offset: j, message:
                    c == 0x0A ? "unterminated string: expected '\"' before the end of the line"
                              : "control character \(describe(c)) in string: expected it escaped")
            }
            j += 1
        }
        throw JSONSyntaxError(offset: start, message: "unterminated string: expected a closing '\"' before the end of the file")
    }

    /// Scans a number per the JSON grammar; returns the offset past it.
    private static func scanNumber(_ p: UnsafeBufferPointer<UInt8>, _ start: Int) throws(JSONSyntaxError) -> Int {
        let n = p.count
        var j = start
        func isDigit(_ k: Int) -> Bool { k < n && p[k] >= 48 && p[k] <= 57 }
        func fail(_ what: String) -> JSONSyntaxError {
            JSONSyntaxError(offset: j, message: "invalid number: expected \(what), found \(j < n ? describe(p[j]) : "the end of the file")")
        }
        if p[j] == UInt8(ascii: "-") { j += 1 }
        if j < n && p[j] == UInt8(ascii: "0") {
            j += 1
        } else if isDigit(j) {
            while isDigit(j) { j += 1 }
        } else {
            throw fail("a digit")
        }
        if j < n && p[j] == UInt8(ascii: ".") {
            j += 1
            guard isDigit(j) else { throw fail("a digit after the decimal point") }
            while isDigit(j) { j += 1 }
        }
        if j < n && (p[j] == UInt8(ascii: "e") || p[j] == UInt8(ascii: "E")) {
            j += 1
            if j < n && (p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-")) { j += 1 }
            guard isDigit(j) else { throw fail("a digit in the exponent") }
            while isDigit(j) { j += 1 }
        }
        return j
    }

    static func hexValue(_ c: UInt8) -> UInt8 {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: 255
        }
    }

    private static func describeRaw(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "0x" + String(c, radix: 16)
    }

    static func describe(_ c: UInt8) -> String {
        switch c {
        case 0x0A: "a line break"
        case 0x0D: "a carriage return"
        case 0x09: "a tab"
        case 0x20..<0x7F: "'\(UnicodeScalar(c))'"
        default: "byte 0x" + String(c, radix: 16, uppercase: true)
        }
    }
}
