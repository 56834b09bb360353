import Testing
@testable import ErlintModel

/// The prefix-range algebra against brute force: inside 10.0.0.0/27 every route (63 of them, at
/// lengths 27 to 32) can be listed, so each operation is checked route by route on random sets of
/// ranges rooted there.
@Suite struct PrefixRangeTests {
    /// Every route inside 10.0.0.0/27.
    static let universe: [IPPrefix] = {
        var out: [IPPrefix] = []
        for length in 27...32 {
            for i in 0..<(1 << (length - 27)) {
                out.append(IPPrefix(network: .v4(0x0A00_0000 | UInt32(i) << UInt32(32 - length)), length: length))
            }
        }
        return out
    }()

    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static func randomRange(_ r: inout Random) -> PrefixRange {
        let route = universe[r.next(universe.count)]
        let low = route.length + r.next(33 - route.length)
        let high = low + r.next(33 - low)
        return PrefixRange(route, lengths: low...high)!
    }

    static func randomSet(_ r: inout Random) -> PrefixRangeSet {
        PrefixRangeSet((0..<(1 + r.next(3))).map { _ in randomRange(&r) })
    }

    static func members(_ s: PrefixRangeSet) -> Set<IPPrefix> { Set(universe.filter { s.contains($0) }) }

    @Test func operationsMatchBruteForce() {
        var r = Random(state: 42)
        for _ in 0..<3000 {
            let a = Self.randomSet(&r), b = Self.randomSet(&r)
            let ma = Self.members(a), mb = Self.members(b)
            #expect(Self.members(a.union(b)) == ma.union(mb), "\(a) ∪ \(b)")
            #expect(Self.members(a.intersection(b)) == ma.intersection(mb), "\(a) ∩ \(b)")
            #expect(Self.members(a.subtracting(b)) == ma.subtracting(mb), "\(a) \\ \(b)")
            #expect(a.isSubset(of: b) == ma.isSubset(of: mb), "\(a) ⊆ \(b)")
            // Ranges stay disjoint, whatever was added.
            let u = a.union(b)
            for (i, x) in u.ranges.enumerated() { for y in u.ranges[(i + 1)...] { #expect(x.intersection(y) == nil, "\(x) and \(y)") } }
        }
    }

    /// Routes outside the listed universe (other families, far prefixes) never leak in.
    @Test func familiesAndDistantPrefixesStayApart() {
        let v4 = PrefixRangeSet([PrefixRange(orLonger: IPPrefix("10.0.0.0/8")!)])
        #expect(!v4.contains(IPPrefix("::/0")!) && !v4.contains(IPPrefix("11.0.0.0/8")!) && v4.contains(IPPrefix("10.255.0.0/16")!))
        #expect(v4.subtracting(PrefixRangeSet.everything).isEmpty)
        #expect(PrefixRangeSet.everything.intersection(v4) == v4)
    }

    /// The space a set names outright: a default route, two /1s, or a range's own prefix; not a
    /// range that leaves its own prefix out and spans several lengths.
    @Test(arguments: [
        (["0.0.0.0/0 0-0"], true), (["0.0.0.0/1 1-1", "128.0.0.0/1 1-1"], true), (["0.0.0.0/0 1-1"], true),
        (["0.0.0.0/1 1-32", "128.0.0.0/1 1-32"], true), (["0.0.0.0/0 1-32"], false), (["0.0.0.0/1 1-1"], false),
        (["0.0.0.0/0 0-32"], true), (["10.20.0.0/16 16-32"], false), (["0.0.0.0/2 2-2", "64.0.0.0/2 2-2", "128.0.0.0/1 1-1"], true),
    ])
    func namesTheDefaultRoute(_ written: [String], _ names: Bool) {
        let set = PrefixRangeSet(written.map { w in
            let parts = w.split(separator: " "), bounds = parts[1].split(separator: "-").compactMap { Int($0) }
            return PrefixRange(IPPrefix(parts[0])!, lengths: bounds[0]...bounds[1])!
        })
        #expect(set.names(allOf: IPPrefix("0.0.0.0/0")!) == names, "\(set)")
    }

    /// The default route taken out of everything leaves a set that names no default.
    @Test func rejectingTheDefaultExactlyLeavesNoDefault() {
        let all = PrefixRangeSet([PrefixRange(orLonger: IPPrefix("0.0.0.0/0")!)])
        let rest = all.subtracting(PrefixRangeSet([PrefixRange(exactly: IPPrefix("0.0.0.0/0")!)]))
        #expect(!rest.contains(IPPrefix("0.0.0.0/0")!) && rest.contains(IPPrefix("0.0.0.0/1")!))
        #expect(!rest.names(allOf: IPPrefix("0.0.0.0/0")!))
    }

    @Test func aggregationCoversTheSameSpace() {
        var r = Random(state: 7)
        for _ in 0..<500 {
            let prefixes = (0..<(1 + r.next(6))).map { _ in Self.universe[r.next(Self.universe.count)] }
            let merged = IPPrefix.aggregated(prefixes)
            for host in 0..<32 {
                let a = IPAddress.v4(0x0A00_0000 | UInt32(host))
                #expect(prefixes.contains { $0.contains(a) } == merged.contains { $0.contains(a) }, "\(prefixes) → \(merged)")
            }
            #expect(merged.count <= prefixes.count)
        }
    }

    @Test(arguments: [
        ("10.0.0.0/8", 8, 8, "10.0.0.0/8 exact"), ("10.0.0.0/8", 8, 32, "10.0.0.0/8 orlonger"), ("10.0.0.0/8", 9, 32, "10.0.0.0/8 longer"),
        ("10.0.0.0/8", 8, 24, "10.0.0.0/8 upto /24"), ("10.0.0.0/8", 16, 24, "10.0.0.0/8 prefix-length-range /16-/24"),
    ])
    func describedAsJunosWritesIt(_ prefix: String, _ low: Int, _ high: Int, _ text: String) {
        #expect(PrefixRange(IPPrefix(prefix)!, lengths: low...high)?.description == text)
    }
}
