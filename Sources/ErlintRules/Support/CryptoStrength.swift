import ErlintModel

/// What makes an IPsec/IKE setting weak, in the spellings Azure and the router dialects use
/// (`DES3`, `3des-cbc`, `SHA1`, `hmac-sha1-96`, `DHGroup2`, `group2`, `PFS2048`, `v1-only`). The
/// bar: no DES, 3DES, MD5 or SHA1; Diffie-Hellman group 14 or stronger; PFS on; IKEv2.
enum CryptoStrength {
    /// "integrity hmac-sha1-96 (SHA1)", but "integrity SHA1" when the value already says it.
    static func weak(_ what: String, _ value: String, _ family: String) -> String {
        value.lowercased() == family.lowercased() ? "\(what) \(value)" : "\(what) \(value) (\(family))"
    }

    static func encryption(_ value: String?) -> String? {
        guard let v = value?.lowercased() else { return nil }
        if v == "none" { return "no encryption" }
        if v.contains("des") && !v.contains("aes") { return weak("encryption", value!, v.contains("3") ? "3DES" : "DES") }
        return nil
    }

    static func integrity(_ value: String?) -> String? {
        guard let v = value?.lowercased() else { return nil }
        if v.contains("md5") { return weak("integrity", value!, "MD5") }
        if v.contains("sha1") || v.contains("sha-1") || v == "sha" || v.hasSuffix("-sha") { return weak("integrity", value!, "SHA1") }
        return nil
    }

    /// The Diffie-Hellman group number of `DHGroup14`, `group14`, `PFS2048`, `ECP384`…; nil when
    /// the value names none.
    static func group(_ value: String) -> Int? {
        let v = value.lowercased()
        switch v {
        case "dhgroup2048", "pfs2048": return 14
        case "ecp256": return 19
        case "ecp384": return 20
        default: break
        }
        let digits = v.reversed().prefix { $0.isNumber }
        return Int(String(digits.reversed()))
    }

    static func dhGroup(_ value: String?, what: String = "DH group") -> String? {
        guard let value else { return nil }
        if let g = group(value), g < 14 { return "\(what) \(value) (weaker than group 14)" }
        return nil
    }

    static func pfs(_ value: String?) -> String? {
        guard let value, value.lowercased() != "none" else { return "PFS off" }
        if value.lowercased() == "pfsmm" { return nil }
        return dhGroup(value, what: "PFS group")
    }

    static func ikeVersion(_ value: String?) -> String? {
        guard let v = value?.lowercased() else { return nil }
        if v == "ikev1" || v.contains("v1-only") || v == "v1" { return weak("IKE version", value!, "IKEv1") }
        return nil
    }
}
