import IR

/// Structural checks of a quantized graph, so that a graph decoded from a file cannot make the
/// integer interpreter (or the runtime) read out of bounds or shift by an undefined amount.
extension QuantizedGraph {
    /// Throws `IRError.verificationFailed(pass: "quantize", …)` naming the first layer whose
    /// parameters are inconsistent: values read before they are written, element counts that do not
    /// match shapes, weight/bias/multiplier counts that do not match the output channels, shifts
    /// outside `0...62` (`−32...62` for shift-only requantization), tables of the wrong size or a
    /// storage type other than the mode's.
    public func verify() throws {
        guard Shape(input.dims).checkedElementCount != nil else {
            throw IRError.verificationFailed(pass: "quantize", detail: "input '\(input.name)' has an invalid shape \(input.dims)")
        }
        var defined: [String: [Int]] = [input.name: input.dims]
        for layer in layers {
            let operands = try layer.inputs.map { name -> [Int] in
                guard let dims = defined[name] else { throw failure(layer, "reads '\(name)' before it is written") }
                return dims
            }
            guard defined[layer.output] == nil else { throw failure(layer, "writes '\(layer.output)' a second time") }
            guard !operands.isEmpty, Shape(layer.dims).checkedElementCount != nil else {
                throw failure(layer, "has no input or an invalid shape \(layer.dims)")
            }
            try verify(layer, operands: operands)
            defined[layer.output] = layer.dims
        }
        for output in outputs where defined[output.value] != output.dims {
            throw IRError.verificationFailed(pass: "quantize", detail: "output '\(output.name)' reads '\(output.value)' of another shape or nothing")
        }
    }

    private func verify(_ layer: QuantizedLayer, operands: [[Int]]) throws {
        let x = operands[0], count = { (dims: [Int]) in dims.reduce(1, *) }
        let storage = arithmetic.storageRange
        for range in storedRanges(layer.op) where !storage.contains(range.lowerBound) || !storage.contains(range.upperBound) {
            throw failure(layer, "clamps or pads to \(range), outside the \(arithmetic.rawValue) storage range")
        }
        switch layer.op {
        case .conv(let conv), .fullyConnected(let conv):
            try verify(conv, layer: layer, input: x)
        case .maxPool(let pool), .averagePool(let pool):
            try verify(pool.window, layer: layer, input: x, outputChannels: x.count > 1 ? x[1] : 0)
            if case .averagePool = layer.op, pool.reciprocals.count != pool.window.kernel.reduce(1, *) {
                throw failure(layer, "has \(pool.reciprocals.count) reciprocals for a window of \(pool.window.kernel.reduce(1, *)) taps")
            }
            try verify(pool.reciprocals, layer: layer)
        case .globalAveragePool(_, _, let reciprocal, _):
            try verify([reciprocal], layer: layer)
            guard x.count >= 2, layer.dims.count == x.count || layer.dims.count == 2, count(layer.dims) == x[0] * x[1] else { throw failure(layer, "does not reduce \(x) to planes") }
        case .globalMaxPool:
            guard x.count >= 2, layer.dims.count == x.count, count(layer.dims) == x[0] * x[1] else { throw failure(layer, "does not reduce \(x) to planes") }
        case .add(let rescales, let shift, _, _):
            guard operands.allSatisfy({ $0 == x }), layer.dims == x else { throw failure(layer, "adds shapes \(operands)") }
            try verify(rescales, shift: shift, inputs: operands.count, layer: layer)
        case .concat(let axis, let rescales, let shift, _, _):
            try verify(rescales, shift: shift, inputs: operands.count, layer: layer)
            guard (0..<x.count).contains(axis), layer.dims.count == x.count,
                  operands.allSatisfy({ Self.agree($0, layer.dims, except: axis) }),
                  layer.dims[axis] == operands.map({ $0[axis] }).reduce(0, +) else { throw failure(layer, "cannot concatenate \(operands) along \(axis)") }
        case .multiply(_, _, let multiplier, let shift, _, _):
            guard operands.count == 2, layer.dims == x, Self.broadcastsOverSpatialAxes(operands[1], to: x),
                  (0...(Int64(1) << 31)).contains(multiplier), (0...FixedPointMultiplier.maximumShift).contains(shift) else {
                throw failure(layer, "multiplies \(operands) to \(layer.dims) with multiplier \(multiplier) and shift \(shift)")
            }
        case .sliceChannels(let start, let count):
            guard x.count >= 2, start >= 0, count >= 1, start + count <= x[1],
                  layer.dims == [x[0], count] + x.dropFirst(2) else { throw failure(layer, "cannot take \(count) channels from \(start) of \(x)") }
        case .channelShuffle(let groups):
            guard x.count >= 2, groups >= 1, x[1] % groups == 0, layer.dims == x else {
                throw failure(layer, "cannot shuffle \(x) in \(groups) groups")
            }
        case .lookupTable(let table):
            guard table.count == 256, arithmetic.storageType == .int8, layer.dims == x else { throw failure(layer, "needs 256 entries over int8 values") }
        case .piecewiseLinearSigmoid(let knots):
            guard knots.count == PiecewiseLinearSigmoid.segments + 1, layer.dims == x else { throw failure(layer, "needs 33 knots") }
        case .clamp:
            guard layer.dims == x else { throw failure(layer, "changes the shape \(x) to \(layer.dims)") }
        case .reshape:
            guard count(layer.dims) == count(x) else { throw failure(layer, "reshapes \(x) to \(layer.dims)") }
        case .pad(let pads, _):
            guard pads.count == 2 * x.count, pads.allSatisfy({ $0 >= 0 }),
                  layer.dims == (0..<x.count).map({ x[$0] + pads[$0] + pads[$0 + x.count] }) else { throw failure(layer, "pads \(x) by \(pads) to \(layer.dims)") }
        }
    }

    /// The clamps and pad values of `op`, each of which must lie in the storage range.
    private func storedRanges(_ op: QuantizedOp) -> [ClosedRange<Int32>] {
        switch op {
        case .conv(let conv), .fullyConnected(let conv): return [conv.outputClamp]
        case .maxPool(let pool), .averagePool(let pool): return [pool.outputClamp]
        case .globalAveragePool(_, _, _, let clamp), .add(_, _, _, let clamp), .concat(_, _, _, _, let clamp), .clamp(let clamp):
            return [clamp]
        case .multiply(_, _, _, _, _, let clamp): return [clamp]
        case .pad(_, let value): return [value...value]
        case .globalMaxPool, .lookupTable, .piecewiseLinearSigmoid, .reshape, .sliceChannels, .channelShuffle: return []
        }
    }

    private func verify(_ conv: QuantizedConv, layer: QuantizedLayer, input: [Int]) throws {
        let weight = conv.weight.shape.dims
        guard conv.weight.type.elementType == arithmetic.storageType, conv.group >= 1, weight.count >= 2, weight[0] > 0,
              weight[0] % conv.group == 0, input.count >= 2, input[1] == weight[1] * conv.group else {
            throw failure(layer, "weights \(conv.weight.type) (group \(conv.group)) do not fit input \(input) in \(arithmetic.rawValue)")
        }
        guard conv.bias.count == weight[0], [1, weight[0]].contains(conv.weightScales.count) else {
            throw failure(layer, "has \(conv.bias.count) biases and \(conv.weightScales.count) weight scales for \(weight[0]) channels")
        }
        if case .fullyConnected = layer.op {
            guard weight.count == 2, conv.window == .pointwise, input.count == 2, layer.dims == [input[0], weight[0]] else {
                throw failure(layer, "fully-connected weights \(weight) do not map \(input) to \(layer.dims)")
            }
        } else {
            guard weight.count == 4, weight[2] == conv.window.kernel[0], weight[3] == conv.window.kernel[1] else {
                throw failure(layer, "weights \(weight) do not match the window \(conv.window.kernel)")
            }
            try verify(conv.window, layer: layer, input: input, outputChannels: weight[0])
        }
        switch conv.requantization {
        case .multiplier(let multipliers):
            guard [1, weight[0]].contains(multipliers.count) else { throw failure(layer, "has \(multipliers.count) multipliers for \(weight[0]) channels") }
            try verify(multipliers, layer: layer)
        case .shift(let shift):
            guard (-32...FixedPointMultiplier.maximumShift).contains(shift) else { throw failure(layer, "shifts by \(shift)") }
        case .cuScale(let scale):
            guard (0...Requantization.maximumCUScale).contains(scale) else { throw failure(layer, "has CU scale \(scale)") }
        }
    }

    /// A 2-D window over a `[N, C, H, W]` (or `[N, C, W]`) input producing the layer's shape.
    private func verify(_ window: QuantizedWindow, layer: QuantizedLayer, input: [Int], outputChannels: Int) throws {
        let planar = input.count == 3 ? [1, input[2]] : Array(input.dropFirst(2))
        guard input.count == 3 || input.count == 4, window.kernel.count == 2, window.strides.count == 2, window.dilations.count == 2,
              window.pads.count == 4, window.inputSize == planar, window.outputSize.count == 2,
              (window.kernel + window.strides + window.dilations).allSatisfy({ $0 >= 1 }), window.pads.allSatisfy({ $0 >= 0 }),
              layer.dims.reduce(1, *) == input[0] * outputChannels * window.outputSize[0] * window.outputSize[1] else {
            throw failure(layer, "window \(window) does not map input \(input) to \(layer.dims)")
        }
    }

    private func verify(_ multipliers: [FixedPointMultiplier], layer: QuantizedLayer) throws {
        for multiplier in multipliers where multiplier.multiplier < 0 || !(0...FixedPointMultiplier.maximumShift).contains(multiplier.shift) {
            throw failure(layer, "has multiplier \(multiplier) outside 0...2^31−1 / 2^(0...62)")
        }
    }

    private func verify(_ rescales: [QuantizedRescale], shift: Int, inputs: Int, layer: QuantizedLayer) throws {
        guard rescales.count == inputs, (0...FixedPointMultiplier.maximumShift).contains(shift),
              rescales.allSatisfy({ (0...(Int64(1) << 31)).contains($0.multiplier) }) else {
            throw failure(layer, "has \(rescales.count) rescales for \(inputs) inputs or a shift \(shift) / multiplier beyond 2^31")
        }
    }

    /// Whether `b` is `a`'s shape, or `[N, C, 1, …]` of `a`'s rank.
    package static func broadcastsOverSpatialAxes(_ b: [Int], to a: [Int]) -> Bool {
        b == a || (a.count >= 2 && b.count == a.count && b.prefix(2) == a.prefix(2) && b.dropFirst(2).allSatisfy { $0 == 1 })
    }

    /// Whether `a` and `b` have the same rank and extents on every axis but `axis`.
    private static func agree(_ a: [Int], _ b: [Int], except axis: Int) -> Bool {
        a.count == b.count && a.indices.allSatisfy { $0 == axis || a[$0] == b[$0] }
    }

    private func failure(_ layer: QuantizedLayer, _ detail: String) -> IRError {
        .verificationFailed(pass: "quantize", detail: "layer '\(layer.name)' \(detail)")
    }
}
