import IR

extension QuantizedLayerAppending {
    /// Adds every node of `nodes` as `add(_:)` does, but records each refusal as a problem instead
    /// of stopping at the first. A node that reads the output of a refused node is skipped without
    /// a problem of its own: its refusal would only repeat the first.
    mutating func addRecordingProblems(_ nodes: [Node]) -> [CapabilityProblem] {
        var problems: [CapabilityProblem] = []
        var refused: Set<String> = []
        for node in nodes {
            guard !node.inputs.contains(where: refused.contains) else {
                refused.formUnion(node.outputs)
                continue
            }
            do {
                try add(node)
            } catch {
                problems.append(CapabilityProblem(stage: .quantize, node: node.name, op: node.op.operatorName, error: error))
                refused.formUnion(node.outputs)
            }
        }
        return problems
    }
}
