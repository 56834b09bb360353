import Testing
import ErlintModel

/// The shard plan: every shard computes the same plan from the manifest, customers are dealt
/// evenly, and every subject has exactly one owning shard.
@Suite struct ShardPlanTests {
    static let here = SourceLocation(file: "m", line: 1, column: 1)

    static func manifest(customers: Int) -> EstateManifest {
        let list = (0..<customers).map { i in
            Customer(id: "c\(i)", name: "C\(i)", model: .connectTo, subscriptions: ["0000000\(i)-AAAA-0000-0000-000000000000"],
                     posture: .profile("baseline", here), resolvedPosture: Posture(name: "baseline"), location: here)
        }
        return EstateManifest(file: "m", customers: list,
                              routers: [RouterDeclaration(name: "c1-edge", owner: .customer("c1"), site: nil, location: here),
                                        RouterDeclaration(name: "csp-edge", owner: .csp, site: nil, location: here)])
    }

    @Test func parsesKOfN() {
        #expect(EstateShard(parsing: "1/4") == EstateShard(index: 0, count: 4))
        #expect(EstateShard(parsing: "4/4")?.description == "4/4")
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "1/2/3", "-1/2"] { #expect(EstateShard(parsing: bad) == nil, "\(bad)") }
    }

    @Test func customersAreDealtRoundRobinAndKeepTheirSubscriptionsAndRouters() {
        let m = Self.manifest(customers: 7)
        let plans = (0..<3).map { ShardPlan(shard: EstateShard(index: $0, count: 3), manifest: m) }
        #expect((0..<7).map { plans[0].shard(ofCustomer: "c\($0)") } == [0, 1, 2, 0, 1, 2, 0])
        // A subscription is compared case-insensitively and goes with its customer.
        #expect(plans[1].owns(subscription: "00000001-aaaa-0000-0000-000000000000"))
        #expect(plans[1].owns(router: "C1-EDGE"))
        #expect(plans[1].owns(customer: nil, subject: "router/c1-edge/sessions/global/172.16.0.1"))
        #expect(plans[1].owns(customer: nil, subject: "/subscriptions/00000001-AAAA-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"))
    }

    @Test func everySubjectHasExactlyOneShard() {
        let m = Self.manifest(customers: 5)
        let plans = (0..<4).map { ShardPlan(shard: EstateShard(index: $0, count: 4), manifest: m) }
        let subjects: [(String?, String)] = [
            ("c3", "/subscriptions/x/whatever"),
            (nil, "/subscriptions/99999999-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/expressRouteCircuits/e"),
            (nil, "router/csp-edge/instances/VRF-A"),
            (nil, "router/undeclared/sessions/global/10.0.0.1"),
            (nil, "customer/unknown"),
            ("not-in-manifest", "/subscriptions/1/x"),
        ]
        for (customer, subject) in subjects {
            #expect(plans.filter { $0.owns(customer: customer, subject: subject) }.count == 1, "\(subject)")
        }
    }
}
