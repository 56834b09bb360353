import ErlintModel

/// A JSON value written by hand: Foundation's JSONSerialization on Linux spends most of its time
/// bridging dictionaries (about 2 s per 8,000 SARIF results), which a nightly audit of thousands
/// of customers cannot afford. Object keys are written sorted, so output is deterministic.
public indirect enum JSONText: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case array([JSONText])
    case object([String: JSONText])

    /// Pretty-printed with two-space indents. Written as bytes: appending to a `String` a
    /// character at a time cost some 400 instructions per byte of a SARIF report.
    public func rendered() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(into: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let s): JSONStringLiteral.append(s, to: &out)
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(contentsOf: "[\n".utf8)
            for (i, item) in items.enumerated() {
                Self.pad(&out, indent + 1)
                item.write(into: &out, indent: indent + 1)
                if i != items.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(contentsOf: "{\n".utf8)
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                Self.pad(&out, indent + 1)
                JSONStringLiteral.append(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                members[key]!.write(into: &out, indent: indent + 1)
                if i != keys.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func pad(_ out: inout [UInt8], _ n: Int) { out.append(contentsOf: repeatElement(0x20, count: 2 * n)) }
}
