/// Longest-prefix match over IPv4 and IPv6 prefixes: "which subnet, /30 or route holds this
/// address?" is asked for every BGP neighbor and every route, so it must not scan lists.
///
/// A binary trie over the left-aligned address bits; IPv4 and IPv6 live in separate roots.
/// Each prefix may carry several values (two resources can declare the same prefix).
public struct PrefixTrie<Value: Sendable>: Sendable {
    private struct Node: Sendable {
        var children: (Int32, Int32) = (-1, -1)
        var values: [Value] = []
        var prefix: IPPrefix?
    }

    private var nodes: [Node] = [Node(), Node()]   // 0: IPv4 root, 1: IPv6 root
    public private(set) var count = 0

    public init() {}

    public mutating func insert(_ prefix: IPPrefix, _ value: Value) {
        var index = prefix.isIPv4 ? 0 : 1
        let bits = prefix.network.leftAligned
        for depth in 0..<prefix.length {
            let bit = (bits >> (127 - depth)) & 1 == 1
            let next = bit ? nodes[index].children.1 : nodes[index].children.0
            if next >= 0 {
                index = Int(next)
            } else {
                nodes.append(Node())
                let created = Int32(nodes.count - 1)
                if bit { nodes[index].children.1 = created } else { nodes[index].children.0 = created }
                index = Int(created)
            }
        }
        nodes[index].prefix = prefix
        nodes[index].values.append(value)
        count += 1
    }

    /// Every stored prefix that contains the address (or prefix), shortest first.
    public func matches(_ address: IPAddress) -> [(prefix: IPPrefix, values: [Value])] {
        matches(IPPrefix(network: address, length: address.bitWidth))
    }

    /// Every stored prefix that contains `prefix` (including itself), shortest first.
    public func matches(_ prefix: IPPrefix) -> [(prefix: IPPrefix, values: [Value])] {
        var found: [(prefix: IPPrefix, values: [Value])] = []
        var index = prefix.isIPv4 ? 0 : 1
        let bits = prefix.network.leftAligned
        var depth = 0
        while true {
            if let p = nodes[index].prefix, !nodes[index].values.isEmpty {
                found.append((p, nodes[index].values))
            }
            if depth == prefix.length { break }
            let bit = (bits >> (127 - depth)) & 1 == 1
            let next = bit ? nodes[index].children.1 : nodes[index].children.0
            if next < 0 { break }
            index = Int(next)
            depth += 1
        }
        return found
    }

    /// The most specific stored prefix that contains the address.
    public func longestMatch(_ address: IPAddress) -> (prefix: IPPrefix, values: [Value])? {
        matches(address).last
    }

    /// The most specific stored prefix that contains `prefix`.
    public func longestMatch(_ prefix: IPPrefix) -> (prefix: IPPrefix, values: [Value])? {
        matches(prefix).last
    }

    /// Every stored prefix inside `prefix` (including itself), in address order.
    public func contained(in prefix: IPPrefix) -> [(prefix: IPPrefix, values: [Value])] {
        var index = prefix.isIPv4 ? 0 : 1
        let bits = prefix.network.leftAligned
        for depth in 0..<prefix.length {
            let bit = (bits >> (127 - depth)) & 1 == 1
            let next = bit ? nodes[index].children.1 : nodes[index].children.0
            if next < 0 { return [] }
            index = Int(next)
        }
        var found: [(prefix: IPPrefix, values: [Value])] = []
        var stack = [index]
        while let i = stack.popLast() {
            if let p = nodes[i].prefix, !nodes[i].values.isEmpty { found.append((p, nodes[i].values)) }
            if nodes[i].children.1 >= 0 { stack.append(Int(nodes[i].children.1)) }
            if nodes[i].children.0 >= 0 { stack.append(Int(nodes[i].children.0)) }
        }
        return found
    }
}
