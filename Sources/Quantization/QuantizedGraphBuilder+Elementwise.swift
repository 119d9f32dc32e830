import IR

/// Activations: clamps and elementwise functions (sums, concatenation and padding are shared in
/// `QuantizedLayerAppending`).
extension QuantizedGraphBuilder {
    /// A standalone ReLU or Clip: a clamp in the input's scale, folded into the saturation of the
    /// Add it alone reads (`foldIntoSum`).
    package mutating func addClamp(_ node: Node, bounds: ClosedRange<Float>) throws {
        let params = try inputParams(node.inputs[0], of: node)
        let range = clampRange(bounds, params: params)
        guard !foldIntoSum(node, range: range) else { return }
        try append(node, .clamp(range), inputs: [node.inputs[0]], params: params)
    }

    /// Sigmoid, tanh and leaky ReLU: a lookup table in the 8-bit modes; in `de1soc-q10` the
    /// piecewise-linear sigmoid (tanh and leaky ReLU have no Q10 definition).
    package mutating func addElementwiseFunction(_ node: Node) throws {
        let x = node.inputs[0]
        let inParams = try inputParams(x, of: node)
        if mode == .de1socQ10 {
            guard node.op == .sigmoid else {
                throw refuse(node, "de1soc-q10 defines only the piecewise-linear sigmoid")
            }
            try append(node, .piecewiseLinearSigmoid(knots: PiecewiseLinearSigmoid.knots), inputs: [x], params: inParams)
            return
        }
        guard let function = LookupTable.function(of: node.op) else {
            throw refuse(node, "no lookup table for \(node.op.operatorName)")
        }
        let outputRange: ClosedRange<Float>
        switch node.op {
        case .sigmoid, .hardSigmoid: outputRange = 0...1
        case .tanh: outputRange = -1...1
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu,
             .leakyRelu, .clip, .hardSwish, .swish, .softmax, .lrn, .batchNormalization, .gemm, .matMul, .add, .sub, .mul,
             .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze, .pad, .slice, .split, .channelShuffle,
             .dropout, .identity, .constantOfShape, .shape, .gather, .cast, .quantizeLinear, .dequantizeLinear: outputRange = try range(of: node.outputs[0], node: node)
        }
        let outParams = mode.activationParams(for: outputRange)
        try append(node, .lookupTable(LookupTable.build(input: inParams, output: outParams, function: function)),
                   inputs: [x], params: outParams)
    }
}
