import IR

/// Elementwise functions with the model's parameters (sums, concatenation and padding are shared
/// in `QuantizedLayerAppending`).
extension QDQGraphBuilder {
    /// Any elementwise function of one int8 input (ReLU, Clip, sigmoid, tanh, leaky ReLU) as a
    /// 256-entry table from the input's parameters to the output's: exact for every input.
    package mutating func addTable(_ node: Node, _ function: @escaping (Double) -> Double) throws {
        let x = node.inputs[0]
        let inParams = try inputParams(x, of: node)
        let outParams = try outputParams(node)
        try append(node, .lookupTable(LookupTable.build(input: inParams, output: outParams, function: function)),
                   inputs: [x], params: outParams)
    }
}
