/// Escaping for HTML and XML: every string that came from an input goes through here before it
/// reaches a report, in text and in attribute values alike.
enum Markup {
    /// `& < > " '` as entities; characters XML 1.0 cannot carry (C0 controls other than tab,
    /// newline and carriage return, U+FFFE, U+FFFF) become U+FFFD, so a hostile name can neither
    /// inject markup nor make the file invalid.
    /// With `newlines`, a newline becomes `&#10;`, which an attribute value needs to keep it.
    static func escape(_ s: String, newlines: Bool = false) -> String {
        // Most names and messages need nothing: returned as they are after one pass over bytes.
        var copy = s
        if !copy.withUTF8(mayNeedEscaping) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n" where newlines: out += "&#10;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// `escape(_:newlines: true)` of UTF-8 text, appended to a buffer: copied as it is when it
    /// needs nothing (nearly always).
    static func appendAttribute(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if mayNeedEscaping(bytes) {
            out += escape(String(decoding: bytes, as: UTF8.self), newlines: true).utf8
        } else {
            out.append(contentsOf: bytes)
        }
    }

    /// Whether any byte is a control character, one of `& < > " '`, or not ASCII (U+FFFE and
    /// U+FFFF are three bytes from 0xEF; other non-ASCII text is looked at character by
    /// character). Eight bytes at a time: reports escape every subject and customer they show.
    static func mayNeedEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base), n = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x }
        var i = 0
        while i + 8 <= n {
            let v = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let hits = v | zeroByte(v ^ (ones &* 0x26)) | zeroByte(v ^ (ones &* 0x3C)) | zeroByte(v ^ (ones &* 0x3E))
                | zeroByte(v ^ (ones &* 0x22)) | zeroByte(v ^ (ones &* 0x27)) | ((v &- ones &* 0x20) & ~v)
            if hits & highs != 0 { return true }
            i += 8
        }
        while i < n {
            let b = base[i]
            if b < 0x20 || b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 || b >= 0x80 { return true }
            i += 1
        }
        return false
    }
}
