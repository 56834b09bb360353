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
        if !copy.withUTF8({ $0.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 >= 0xEF }) }) {
            return s
        }
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
}
