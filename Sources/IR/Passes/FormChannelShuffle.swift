/// Recognises ShuffleNet's channel shuffle, `Reshape([N, C, H, W] → [N, g, C/g, H, W])`, then
/// `Transpose(perm: [0, 2, 1, 3, 4])`, then `Reshape(→ [N, C, H, W])`, and replaces the three nodes
/// by one `ChannelShuffle(groups: g)`. The intermediate values must feed only the next node of the
/// pattern. Runs after constant folding, when the reshape targets are known.
public struct FormChannelShuffle: GraphPass {
    public let name = "form-channel-shuffle"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        graph.rewritingNodes(form(at:in:))
    }

    /// Replaces the pattern starting with the Reshape at `index`; returns whether it did.
    private func form(at index: Int, in graph: inout Graph) -> Bool {
        let split = graph.nodes[index]
        guard case .reshape = split.op, let input = graph.types[split.inputs[0]]?.shape, input.rank == 4,
              let grouped = graph.types[split.outputs[0]]?.shape, grouped.rank == 5,
              grouped.dims == [input[0], grouped[1], input[1] / max(grouped[1], 1), input[2], input[3]],
              grouped[1] * grouped[2] == input[1],
              let transposeIndex = graph.readers()[split.outputs[0]]?.first, graph.isPrivate(split.outputs[0], to: transposeIndex),
              graph.nodes[transposeIndex].op == .transpose(perm: [0, 2, 1, 3, 4]),
              let mergeIndex = graph.readers()[graph.nodes[transposeIndex].outputs[0]]?.first,
              graph.isPrivate(graph.nodes[transposeIndex].outputs[0], to: mergeIndex),
              case .reshape = graph.nodes[mergeIndex].op,
              graph.types[graph.nodes[mergeIndex].outputs[0]]?.shape == input
        else { return false }
        let merge = graph.nodes[mergeIndex]
        graph.nodes[mergeIndex] = Node(name: merge.name, op: .channelShuffle(groups: grouped[1]), inputs: [split.inputs[0]],
                                       outputs: merge.outputs)
        graph.nodes.remove(at: transposeIndex)
        graph.nodes.remove(at: index)
        graph.dropUnreadInitializers(Array(split.inputs.dropFirst()) + merge.inputs.dropFirst())
        return true
    }
}
