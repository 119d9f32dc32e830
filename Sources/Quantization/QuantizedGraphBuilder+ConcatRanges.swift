import IR

/// Concatenation without rescaling: a value whose only reader is a Concat takes the Concat
/// output's range, so that it is stored in the output's scale and zero point and the Concat's
/// per-input rescale is the identity (producers can write straight into channel slices of the
/// output). Sums are left alone: Add rescales its inputs anyway.
extension QuantizedGraphBuilder {
    /// `ranges` with every Concat output widened to the union of its inputs' ranges and each
    /// input read by that Concat alone (and not a graph output) given the widened range.
    static func sharingConcatRanges(_ graph: Graph, _ ranges: [String: ClosedRange<Float>]) -> [String: ClosedRange<Float>] {
        var shared = ranges
        let readers = graph.readers()
        let inputNames = Set(graph.inputs.map(\.name))
        for (index, node) in graph.nodes.enumerated() {
            guard case .concat = node.op, let outputRange = ranges[node.outputs[0]] else { continue }
            let union = node.inputs.compactMap { ranges[$0] }.reduce(outputRange) { total, range in
                min(total.lowerBound, range.lowerBound)...max(total.upperBound, range.upperBound)
            }
            shared[node.outputs[0]] = union
            for input in node.inputs where readers[input] == [index] && !graph.outputs.contains(input) && !inputNames.contains(input) {
                shared[input] = union
            }
        }
        return shared
    }
}
