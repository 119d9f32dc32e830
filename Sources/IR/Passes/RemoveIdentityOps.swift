/// Removes `Identity` and inference-mode `Dropout` (when its mask output is unused), pointing their
/// readers at the input. When the removed node's output is a graph output, the input's producer is
/// renamed to keep the graph's output name; if the input is a graph input or an initializer, the
/// node stays.
public struct RemoveIdentityOps: GraphPass {
    public let name = "remove-identity"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        var result = graph
        var index = 0
        while index < result.nodes.count {
            let node = result.nodes[index]
            if isPassThrough(node.op), result.bypassNode(at: index) {
                result.dropUnreadInitializers(node.inputs)
                continue
            }
            index += 1
        }
        return result
    }

    private func isPassThrough(_ op: Op) -> Bool {
        switch op {
        case .identity, .dropout: return true
        default: return false
        }
    }
}
