import IR

/// The integer reference: executes a `QuantizedGraph` with the exact integer semantics of its
/// arithmetic mode. It is the specification the runtime and the RTL must equal bit for bit; see
/// docs/NUMERICS.md.
///
/// Stored values are int8 (int32 holding 20-bit values in `de1soc-q10`); they are kept as `Int32`
/// internally and handed out as tensors of the mode's storage type.
public struct IntegerInterpreter: Sendable {
    public let graph: QuantizedGraph
    /// Prepared convolution kernels, by layer index.
    private let convKernels: [Int: IntegerConvKernel]
    /// For each value a layer reads, the index of the last layer that reads it.
    private let lastReader: [String: Int]
    /// Why `graph` fails `QuantizedGraph.verify()`, if it does; every run throws it.
    private let verificationError: IRError?

    /// Prepares `graph` for repeated runs (weights widened once). A graph that fails
    /// `QuantizedGraph.verify()` is accepted here and refused by every run.
    public init(graph: QuantizedGraph) {
        self.graph = graph
        do {
            try graph.verify()
            verificationError = nil
        } catch {
            verificationError = error as? IRError ?? .verificationFailed(pass: "quantize", detail: "\(error)")
        }
        var kernels: [Int: IntegerConvKernel] = [:]
        var lastReader: [String: Int] = [:]
        for (index, layer) in graph.layers.enumerated() {
            for input in layer.inputs { lastReader[input] = index }
            guard verificationError == nil else { continue }
            if let conv = layer.op.quantizedConv { kernels[index] = IntegerConvKernel(conv: conv, mode: graph.arithmetic) }
        }
        convKernels = kernels
        self.lastReader = lastReader
    }

    /// Runs on a float, preprocessed input and returns the float outputs by graph output name:
    /// dequantized, with the host softmax applied where the graph has one.
    public func run(_ input: Tensor) throws -> [String: Tensor] {
        try run(input, observe: { _, _ in })
    }

    /// As `run(_:)`, calling `observe` with every layer and its stored output right after it ran
    /// (per-layer comparisons and golden dumps).
    public func run(_ input: Tensor, observe: (QuantizedLayer, Tensor) throws -> Void) throws -> [String: Tensor] {
        let stored = try runStored(input, observe: observe)
        var outputs: [String: Tensor] = [:]
        for output in graph.outputs {
            guard let tensor = stored[output.name] else { continue }
            let host = output.hostValues(stored: tensor.int64s.map { Int32($0) })
            outputs[output.name] = Tensor(shape: Shape(output.dims), floats: host.softmax ?? host.dequantized)
        }
        return outputs
    }

    /// Runs on a float, preprocessed input and returns the stored value behind each graph output
    /// (before dequantization and host softmax), by graph output name. Throws the graph's
    /// verification error, `IRError.badGraphInput` for an input of the wrong type or shape.
    public func runStored(_ input: Tensor, observe: (QuantizedLayer, Tensor) throws -> Void = { _, _ in }) throws -> [String: Tensor] {
        if let verificationError { throw verificationError }
        var live: [String: (values: [Int32], dims: [Int])] = [graph.input.name: (try quantizeInput(input), graph.input.dims)]
        let kept = Set(graph.outputs.map(\.value))
        for (index, layer) in graph.layers.enumerated() {
            let operands = try layer.inputs.map { name -> (values: [Int32], dims: [Int]) in
                guard let value = live[name] else { throw IRError.undefinedValue(node: layer.name, value: name) }
                return value
            }
            let values = try execute(layer, index: index, operands)
            guard values.count == layer.dims.reduce(1, *) else {
                throw IRError.shapeMismatch(node: layer.name, op: "quantized layer",
                                            detail: "computed \(values.count) elements for shape \(layer.dims)")
            }
            live[layer.output] = (values, layer.dims)
            try observe(layer, storedTensor(values, dims: layer.dims))
            for name in layer.inputs where lastReader[name] == index && !kept.contains(name) { live[name] = nil }
        }
        var outputs: [String: Tensor] = [:]
        for output in graph.outputs {
            guard let value = live[output.value] else { throw IRError.undefinedGraphOutput(output.value) }
            outputs[output.name] = storedTensor(value.values, dims: value.dims)
        }
        return outputs
    }

    /// The graph input quantized as the host does: `clamp(round_half_even(x / scale) + zeroPoint)` to
    /// the storage range. Throws `IRError.badGraphInput` for a tensor of another type or shape.
    public func quantizeInput(_ input: Tensor) throws -> [Int32] {
        try graph.quantizeInput(input)
    }

    /// `values` as a tensor of the mode's storage type.
    private func storedTensor(_ values: [Int32], dims: [Int]) -> Tensor {
        let data: TensorData = graph.arithmetic.storageType == .int8
            ? .int8(values.map { Int8(truncatingIfNeeded: $0) }) : .int32(values)
        return Tensor(shape: Shape(dims), data: data)
    }

    private func execute(_ layer: QuantizedLayer, index: Int,
                         _ operands: [(values: [Int32], dims: [Int])]) throws -> [Int32] {
        let x = operands[0]
        switch layer.op {
        case .conv, .fullyConnected:
            guard let kernel = convKernels[index], x.dims.count >= 2 else {
                throw IRError.shapeMismatch(node: layer.name, op: "quantized conv", detail: "input \(x.dims)")
            }
            return kernel.run(x.values, channels: x.dims[1])
        case .maxPool(let pool):
            return IntegerPoolKernel.max(x.values, pool: pool)
        case .averagePool(let pool):
            return IntegerPoolKernel.average(x.values, pool: pool)
        case .globalAveragePool(let inputZeroPoint, let outputZeroPoint, let reciprocal, let clamp):
            return IntegerPoolKernel.globalAverage(x.values, planes: x.dims.prefix(2).reduce(1, *), inputZeroPoint: inputZeroPoint,
                                                   outputZeroPoint: outputZeroPoint, reciprocal: reciprocal, clamp: clamp)
        case .globalMaxPool:
            return IntegerPoolKernel.globalMax(x.values, planes: x.dims.prefix(2).reduce(1, *))
        case .add(let rescales, let shift, let outputZeroPoint, let clamp):
            guard operands.allSatisfy({ $0.dims == x.dims }) else {
                throw IRError.shapeMismatch(node: layer.name, op: "quantized add", detail: "inputs \(operands.map(\.dims))")
            }
            return IntegerElementwiseKernel.add(operands.map(\.values), rescales: rescales, shift: shift,
                                                outputZeroPoint: outputZeroPoint, clamp: clamp)
        case .concat(let axis, let rescales, let shift, let outputZeroPoint, let clamp):
            return IntegerLayoutKernel.concat(operands, axis: axis, rescales: rescales, shift: shift,
                                              outputZeroPoint: outputZeroPoint, clamp: clamp)
        case .multiply(let aZeroPoint, let bZeroPoint, let multiplier, let shift, let outputZeroPoint, let clamp):
            guard operands.count == 2, QuantizedGraph.broadcastsOverSpatialAxes(operands[1].dims, to: x.dims) else {
                throw IRError.shapeMismatch(node: layer.name, op: "quantized multiply", detail: "inputs \(operands.map(\.dims))")
            }
            let planeSize = x.dims.dropFirst(2).reduce(1, *) / operands[1].dims.dropFirst(2).reduce(1, *)
            return IntegerElementwiseKernel.multiply(x.values, operands[1].values, planeSize: planeSize,
                                                     zeroPoints: (aZeroPoint, bZeroPoint), multiplier: multiplier, shift: shift,
                                                     outputZeroPoint: outputZeroPoint, clamp: clamp)
        case .sliceChannels(let start, let count):
            return IntegerLayoutKernel.sliceChannels(x.values, dims: x.dims, start: start, count: count)
        case .channelShuffle(let groups):
            return IntegerLayoutKernel.channelShuffle(x.values, dims: x.dims, groups: groups)
        case .lookupTable(let table):
            guard table.count == 256, graph.arithmetic.storageType == .int8 else {
                throw IRError.shapeMismatch(node: layer.name, op: "quantized lookup table", detail: "needs 256 entries over int8 values")
            }
            return IntegerElementwiseKernel.lookup(x.values, table: table)
        case .piecewiseLinearSigmoid(let knots):
            guard knots.count == PiecewiseLinearSigmoid.segments + 1 else {
                throw IRError.shapeMismatch(node: layer.name, op: "quantized sigmoid", detail: "needs 33 knots, has \(knots.count)")
            }
            return IntegerElementwiseKernel.sigmoid(x.values, knots: knots)
        case .clamp(let range):
            return IntegerElementwiseKernel.clamp(x.values, to: range)
        case .reshape:
            return x.values
        case .pad(let pads, let value):
            return IntegerLayoutKernel.pad(x.values, dims: x.dims, pads: pads, value: value, outputDims: layer.dims)
        }
    }
}
