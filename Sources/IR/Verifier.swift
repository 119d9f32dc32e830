/// Checks the structural invariants of the graph IR. The pass pipeline runs it after every stage
/// in tests and with `--verify-ir`, so a pass that breaks the graph is caught where it happens.
///
/// Invariants, each reported by its own `IRError` case: node names are unique; every value is
/// produced once (graph input, initializer or node output); nodes read only values produced
/// earlier; graph outputs are produced; every value has a static type, and initializers and graph
/// inputs have the type their tensor or declaration says; each node has the operand count its op
/// takes with no required operand empty; fused activations are well-formed; a fully-connected
/// weight is `[M, K]` for an input `[N, K]`.
public enum Verifier {
    /// Throws the first broken invariant found.
    public static func verify(_ graph: Graph) throws {
        try checkNodeNames(graph)
        let producedByNodes = try checkDefinitions(graph)
        try checkOrder(graph, producedByNodes: producedByNodes)
        try checkTypes(graph)
        for node in graph.nodes {
            try checkArity(node)
            try checkActivation(node)
            try checkFullyConnected(node, graph: graph)
        }
    }

    private static func checkNodeNames(_ graph: Graph) throws {
        var seen = Set<String>()
        for node in graph.nodes where !seen.insert(node.name).inserted {
            throw IRError.duplicateNodeName(node.name)
        }
    }

    /// Every value is defined once; returns the values node outputs define.
    private static func checkDefinitions(_ graph: Graph) throws -> Set<String> {
        var defined = Set<String>()
        let constants = graph.inputs.map(\.name) + graph.sortedInitializerNames
        for value in constants where !defined.insert(value).inserted {
            throw IRError.duplicateDefinition(value: value)
        }
        var producedByNodes = Set<String>()
        for node in graph.nodes {
            for output in node.outputs where !output.isEmpty {
                guard defined.insert(output).inserted else { throw IRError.duplicateDefinition(value: output) }
                producedByNodes.insert(output)
            }
        }
        for output in graph.outputs where !defined.contains(output) {
            throw IRError.undefinedGraphOutput(output)
        }
        return producedByNodes
    }

    /// Nodes read only graph inputs, initializers and outputs of earlier nodes.
    private static func checkOrder(_ graph: Graph, producedByNodes: Set<String>) throws {
        var available = Set(graph.inputs.map(\.name)).union(graph.initializers.keys)
        for node in graph.nodes {
            for input in node.inputs where !input.isEmpty && !available.contains(input) {
                if producedByNodes.contains(input) {
                    throw IRError.notTopological(node: node.name, value: input)
                }
                throw IRError.undefinedValue(node: node.name, value: input)
            }
            available.formUnion(node.outputs.filter { !$0.isEmpty })
        }
    }

    private static func checkTypes(_ graph: Graph) throws {
        for input in graph.inputs {
            guard let type = graph.types[input.name] else { throw IRError.missingType(value: input.name) }
            guard type == input.type else {
                throw IRError.badGraphInput(name: input.name, detail: "declared \(input.type), typed \(type)")
            }
        }
        for name in graph.sortedInitializerNames {
            guard let type = graph.types[name] else { throw IRError.missingType(value: name) }
            let actual = graph.initializers[name]!.type
            guard type == actual else {
                throw IRError.initializerTypeMismatch(name: name, recorded: type, actual: actual)
            }
        }
        for node in graph.nodes {
            for output in node.outputs where !output.isEmpty && graph.types[output] == nil {
                throw IRError.missingType(value: output)
            }
        }
    }

    private static func checkArity(_ node: Node) throws {
        try checkOperands(node.inputs, allowed: node.op.inputArity, role: "inputs", node: node)
        try checkOperands(node.outputs, allowed: node.op.outputArity, role: "outputs", node: node)
    }

    private static func checkOperands(_ operands: [String], allowed: ClosedRange<Int>, role: String, node: Node) throws {
        guard allowed.contains(operands.count) else {
            throw IRError.arityMismatch(node: node.name, op: node.op.operatorName, operands: role,
                                        allowed: allowed, found: operands.count)
        }
        if let index = operands.prefix(allowed.lowerBound).firstIndex(of: "") {
            throw IRError.missingOperand(node: node.name, op: node.op.operatorName, operands: role, index: index)
        }
    }

    /// A fused clip must have ordered, non-NaN bounds.
    private static func checkActivation(_ node: Node) throws {
        guard case .clip(let low, let high) = node.op.fusedActivation else { return }
        guard low <= high else {
            throw IRError.invalidAttribute(node: node.name, op: node.op.operatorName,
                                           detail: "fused clip has min \(low) above max \(high)")
        }
    }

    /// `X [N, K]`, `W [M, K]`, optional `B [M]`.
    private static func checkFullyConnected(_ node: Node, graph: Graph) throws {
        guard case .fullyConnected = node.op,
              let input = graph.types[node.inputs[0]]?.shape, let weight = graph.types[node.inputs[1]]?.shape
        else { return }
        guard input.rank == 2, weight.rank == 2, weight[1] == input[1] else {
            throw node.shapeMismatch("weight \(weight) must be [M, K] for input \(input) of shape [N, K]")
        }
        if node.inputs.count == 3, !node.inputs[2].isEmpty, let bias = graph.types[node.inputs[2]]?.shape,
           bias != Shape([weight[0]]) {
            throw node.shapeMismatch("bias \(bias) must be [\(weight[0])] for weight \(weight)")
        }
    }
}
