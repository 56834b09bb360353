extension String {
    /// `lowercased()`, without making a new string when there is nothing to lower (an ASCII
    /// string with no capital): report keys fold every subject, most of them lower case already.
    var caseFolded: String {
        var copy = self
        let clean = copy.withUTF8 { !$0.contains { ($0 >= 65 && $0 <= 90) || $0 >= 0x80 } }
        return clean ? self : lowercased()
    }
}
