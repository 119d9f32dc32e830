/// Removes nodes none of whose outputs reach a graph output, and initializers nothing live reads.
/// Graph inputs stay: they are the model's interface even when unused.
public struct DeadCodeElimination: GraphPass {
    public let name = "dce"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        var live = Set(graph.outputs)
        var keep = [Bool](repeating: false, count: graph.nodes.count)
        for (index, node) in graph.nodes.enumerated().reversed() where node.outputs.contains(where: live.contains) {
            keep[index] = true
            live.formUnion(node.inputs.filter { !$0.isEmpty })
        }
        var result = graph
        result.nodes = zip(graph.nodes, keep).filter(\.1).map(\.0)
        result.initializers = graph.initializers.filter { live.contains($0.key) }
        return result
    }
}
