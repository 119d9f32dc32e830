/// Turns `Mul(x, Sigmoid(x))` (SiLU as exporters write it, in either operand order) into one
/// `Swish(alpha: 1)` node, when the Sigmoid's output feeds only that Mul. The quantizer then
/// makes one lookup table of it instead of a table and a product.
public struct FormSwish: GraphPass {
    public let name = "form-swish"

    public init() {}

    public func run(_ graph: Graph) throws -> Graph {
        graph.rewritingNodes(form(at:in:))
    }

    /// Replaces the Mul at `index` and its Sigmoid by a Swish; returns whether it removed a node.
    private func form(at index: Int, in graph: inout Graph) -> Bool {
        let product = graph.nodes[index]
        guard product.op == .mul, product.inputs.count == 2 else { return false }
        let producers = graph.producers()
        for (gate, other) in [(0, 1), (1, 0)] {
            guard let sigmoidIndex = producers[product.inputs[gate]], graph.nodes[sigmoidIndex].op == .sigmoid,
                  graph.nodes[sigmoidIndex].inputs[0] == product.inputs[other],
                  graph.isPrivate(product.inputs[gate], to: index) else { continue }
            graph.nodes[index] = Node(name: product.name, op: .swish(alpha: 1), inputs: [product.inputs[other]],
                                      outputs: product.outputs)
            graph.nodes.remove(at: sigmoidIndex)
            return true
        }
        return false
    }
}
