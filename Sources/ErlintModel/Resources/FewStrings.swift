/// The values of a field that nearly always holds one (an NSG rule's address prefix or port
/// range, written singular or plural). One value is held as it is, without an array: an array
/// is an allocation (and a free, and an atomic count on every copy), and NSG rules, four in ten
/// of an estate's resources, have four such fields. Values of up to 15 bytes ("*", "443",
/// "10.0.0.0/16", "VirtualNetwork") are then stored in the rule itself.
public struct FewStrings: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// Never `.many` with fewer than two values, so equal lists are equal values.
    private enum Storage: Sendable, Hashable {
        case none
        case one(String)
        case many([String])
    }

    private var storage: Storage = .none

    public init() {}

    public init(_ values: [String]) {
        for v in values { append(v) }
    }

    public init(arrayLiteral values: String...) { self.init(values) }

    public var values: [String] {
        switch storage {
        case .none: []
        case .one(let s): [s]
        case .many(let all): all
        }
    }

    public var count: Int {
        switch storage {
        case .none: 0
        case .one: 1
        case .many(let all): all.count
        }
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func append(_ value: String) {
        switch storage {
        case .none: storage = .one(value)
        case .one(let first): storage = .many([first, value])
        case .many(var all):
            storage = .none
            all.append(value)
            storage = .many(all)
        }
    }
}
