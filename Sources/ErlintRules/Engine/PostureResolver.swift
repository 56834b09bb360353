import ErlintModel

/// Decides which posture applies to a node: its customer's, or the baseline profile for
/// resources no customer claims (so posture-free checks still run on them).
public struct PostureResolver: Sendable {
    public let graph: EstateGraph
    public let baseline: Posture

    public init(graph: EstateGraph, baseline: Posture) {
        self.graph = graph
        self.baseline = baseline
    }

    public func posture(of node: NodeID) -> Posture {
        graph.customer(of: node)?.resolvedPosture ?? baseline
    }

    /// Nodes of `kind` whose posture satisfies `predicate`, e.g. every subnet that requires
    /// firewall inspection.
    public func nodes(_ kind: NodeKind, where predicate: (Posture) -> Bool) -> [EstateNode] {
        graph.nodes(kind).filter { predicate(posture(of: $0.id)) }
    }
}
