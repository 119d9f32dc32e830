import Accelerator
import IR
import Quantization

/// Decides what each quantized layer asks of the accelerator (`LayerWork`), or refuses it with
/// `BackendError.unsupportedLayer` naming the layer and the reason.
enum LayerClassifier {
    /// `work` on `target`: a plain convolution (neither depthwise, grouped nor gated) folds its
    /// kernel positions into input channels when `KernelFold` says that pays on `target`, and
    /// unfolds when it does not; other work is returned as it is.
    static func refolded(_ work: GemmWork, target: HardwareConfig, elementBytes: Int) -> GemmWork {
        guard !work.depthwise, work.groups == 1, work.gate == nil else { return work }
        let window = work.fold?.window ?? work.geometry
        guard let fold = KernelFold(window: window, target: target, elementBytes: elementBytes) else {
            return GemmWork(geometry: window, conv: work.conv)
        }
        return GemmWork(geometry: fold.geometry, conv: work.conv, fold: fold)
    }

    /// The work of `layer`, whose inputs have shapes `operandDims`, on `target`; `slices` says which
    /// Concat inputs their producers write by address, `shuffles` which Concats are stored shuffled.
    static func work(of layer: QuantizedLayer, operandDims: [[Int]], slices: ChannelSlices, shuffles: ChannelShuffles, mode: ArithmeticMode,
                     target: HardwareConfig) throws -> LayerWork {
        let inputDims = operandDims.first ?? []
        guard inputDims.first == 1 else {
            throw unsupported(layer, "batch \(inputDims.first ?? 0); the accelerator runs one image at a time")
        }
        switch layer.op {
        case .conv(let conv):
            let depthwise = conv.group > 1 && conv.group == inputDims[1] && conv.outputChannels == conv.group
            guard conv.group >= 1, inputDims[1] % conv.group == 0, conv.outputChannels % conv.group == 0 else {
                throw unsupported(layer, "group \(conv.group) does not divide its \(inputDims[1]) input and \(conv.outputChannels) output channels")
            }
            try requireExactAccumulator(layer, conv, mode: mode)
            let geometry = PlaneGeometry(window: conv.window, inputChannels: inputDims[1], outputChannels: conv.outputChannels)
            if !depthwise, conv.group == 1 {
                return .gemm(refolded(GemmWork(geometry: geometry, conv: conv), target: target,
                                      elementBytes: mode.storageType == .int8 ? 1 : 4))
            }
            return .gemm(GemmWork(geometry: geometry, conv: conv, depthwise: depthwise, groups: depthwise ? 1 : conv.group))
        case .fullyConnected(let conv):
            try requireExactAccumulator(layer, conv, mode: mode)
            let geometry = PlaneGeometry(window: .pointwiseWindow, inputChannels: inputDims[1], outputChannels: conv.outputChannels)
            return .gemm(GemmWork(geometry: geometry, conv: conv))
        case .maxPool(let pool):
            try requireUnitDilation(layer, pool.window)
            return .pool(PoolWork(geometry: geometry(pool.window, inputDims), kind: .max, inputZeroPoint: 0, outputZeroPoint: 0,
                                  reciprocal: FixedPointMultiplier(multiplier: 0, shift: 0), clamp: pool.outputClamp,
                                  padValue: mode.storageRange.lowerBound))
        case .averagePool(let pool):
            try requireUnitDilation(layer, pool.window)
            let counts = try tapCounts(layer, pool)
            var work = PoolWork(geometry: geometry(pool.window, inputDims), kind: .average, inputZeroPoint: pool.inputZeroPoint,
                                outputZeroPoint: pool.outputZeroPoint, reciprocal: FixedPointMultiplier(multiplier: 0, shift: 0),
                                clamp: pool.outputClamp, padValue: pool.inputZeroPoint)
            if let row = counts.rows.first, let column = counts.columns.first, Set(counts.rows).count == 1, Set(counts.columns).count == 1 {
                work.reciprocal = pool.reciprocals[row * column - 1]
            } else {
                work.unevenTaps = UnevenTaps(rowCounts: counts.rows, columnCounts: counts.columns, reciprocals: pool.reciprocals)
            }
            return .pool(work)
        case .globalAveragePool(let inputZeroPoint, let outputZeroPoint, let reciprocal, let clamp):
            return .pool(PoolWork(geometry: globalGeometry(inputDims), kind: .average, inputZeroPoint: inputZeroPoint,
                                  outputZeroPoint: outputZeroPoint, reciprocal: reciprocal, clamp: clamp, padValue: inputZeroPoint))
        case .globalMaxPool:
            return .pool(PoolWork(geometry: globalGeometry(inputDims), kind: .max, inputZeroPoint: 0, outputZeroPoint: 0,
                                  reciprocal: FixedPointMultiplier(multiplier: 0, shift: 0), clamp: mode.storageRange,
                                  padValue: mode.storageRange.lowerBound))
        case .lookupTable(let table):
            try requireLookupTableStage(layer, target)
            return .elementwise(ElementwiseWork(geometry: elementwiseGeometry(inputDims), operation: .lookupTable,
                                                table: table.map { UInt8(bitPattern: $0) }, clamp: mode.storageRange))
        case .piecewiseLinearSigmoid(let knots):
            try requireLookupTableStage(layer, target)
            return .elementwise(ElementwiseWork(geometry: elementwiseGeometry(inputDims), operation: .piecewiseLinearSigmoid,
                                                table: knots.flatMap(\.littleEndianBytes), clamp: mode.storageRange))
        case .clamp(let range):
            return .elementwise(ElementwiseWork(geometry: elementwiseGeometry(inputDims), operation: .clamp, table: [], clamp: range))
        case .reshape:
            return .alias(channelOffset: 0)
        case .sliceChannels(let start, _):
            return .alias(channelOffset: start)
        case .add(let operands, let shift, let outputZeroPoint, let clamp):
            try requireEncodableRescales(layer, operands, shift: shift)
            return .add(AddWork(geometry: elementwiseGeometry(inputDims), operands: operands, shift: shift,
                                outputZeroPoint: outputZeroPoint, clamp: clamp))
        case .concat(let axis, let rescales, let shift, let outputZeroPoint, let clamp):
            guard axis == 1 else { throw unsupported(layer, "Concat along axis \(axis); only channels (axis 1) are concatenated") }
            try requireEncodableRescales(layer, rescales, shift: shift)
            return .concat(concatWork(layer, operandDims: operandDims, rescales: rescales, slices: slices, shift: shift,
                                      outputZeroPoint: outputZeroPoint, clamp: clamp))
        case .pad(let pads, let value):
            return .elementwise(ElementwiseWork(geometry: try padGeometry(layer, pads: pads, inputDims), operation: .clamp, table: [],
                                                clamp: mode.storageRange, padValue: value))
        case .channelShuffle(let groups):
            guard shuffles.layout(ofConcat: layer.inputs[0]) != nil else {
                throw unsupported(layer, "a channel shuffle of \(groups) groups is stored by address only when it alone reads a channel "
                                         + "Concat of \(groups) inputs of equal channels (ShuffleNet's units)")
            }
            return .alias(channelOffset: 0)
        case .multiply(let aZeroPoint, let bZeroPoint, let multiplier, let shift, let outputZeroPoint, let clamp):
            return try productWork(of: layer, operandDims: operandDims, aZeroPoint: aZeroPoint, bZeroPoint: bZeroPoint,
                                   multiplier: multiplier, shift: shift, outputZeroPoint: outputZeroPoint, clamp: clamp, mode: mode)
        }
    }

    /// `[N, C, H, W]`, `[N, C, W]` or `[N, K]` as channels, height, width.
    static func planes(_ dims: [Int]) -> (channels: Int, height: Int, width: Int) {
        switch dims.count {
        case 4: return (dims[1], dims[2], dims[3])
        case 3: return (dims[1], 1, dims[2])
        default: return (dims.count > 1 ? dims[1] : 1, 1, 1)
        }
    }

    private static func geometry(_ window: QuantizedWindow, _ inputDims: [Int]) -> PlaneGeometry {
        let channels = planes(inputDims).channels
        return PlaneGeometry(window: window, inputChannels: channels, outputChannels: channels)
    }

    private static func globalGeometry(_ inputDims: [Int]) -> PlaneGeometry {
        let (channels, height, width) = planes(inputDims)
        let window = QuantizedWindow(kernel: [height, width], strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0],
                                     inputSize: [height, width], outputSize: [1, 1])
        return PlaneGeometry(window: window, inputChannels: channels, outputChannels: channels)
    }

    /// The copies of a channel Concat: every input its producer does not write by address.
    private static func concatWork(_ layer: QuantizedLayer, operandDims: [[Int]], rescales: [QuantizedRescale],
                                   slices: ChannelSlices, shift: Int, outputZeroPoint: Int32,
                                   clamp: ClosedRange<Int32>) -> ConcatWork {
        var copies: [ConcatCopy] = []
        var offset = 0
        for (operand, (value, dims)) in zip(layer.inputs, operandDims).enumerated() {
            let channels = planes(dims).channels
            if !slices.isSlice(value) {
                copies.append(ConcatCopy(operand: operand, channelOffset: offset, channels: channels, rescale: rescales[operand]))
            }
            offset += channels
        }
        let (_, height, width) = planes(layer.dims)
        let geometry = copies.map(\.channels).max().map { PlaneGeometry(elementwise: $0, height: height, width: width) }
        return ConcatWork(geometry: geometry, copies: copies, shift: shift, outputZeroPoint: outputZeroPoint, clamp: clamp)
    }

    /// A standalone constant Pad of `[N, C, H, W]` (or `[N, C, W]`) over rows and columns: a copy
    /// (`ALU` clamp over the storage range) of the box its `LOAD`s pad.
    private static func padGeometry(_ layer: QuantizedLayer, pads: [Int], _ inputDims: [Int]) throws -> PlaneGeometry {
        let rank = inputDims.count
        guard rank == 3 || rank == 4, pads.count == 2 * rank, pads[0] == 0, pads[1] == 0, pads[rank] == 0, pads[rank + 1] == 0,
              pads.allSatisfy({ (0...255).contains($0) }) else {
            throw unsupported(layer, "Pad \(pads) of \(inputDims); only rows and columns of an [N, C, H, W] or [N, C, W] value are padded, by at most 255")
        }
        let (channels, height, width) = planes(inputDims)
        let (top, bottom) = rank == 4 ? (pads[2], pads[rank + 2]) : (0, 0)
        let (left, right) = (pads[rank - 1], pads[2 * rank - 1])
        let window = QuantizedWindow(kernel: [1, 1], strides: [1, 1], dilations: [1, 1], pads: [top, left, bottom, right],
                                     inputSize: [height, width], outputSize: [top + height + bottom, left + width + right])
        return PlaneGeometry(window: window, inputChannels: channels, outputChannels: channels)
    }

    private static func elementwiseGeometry(_ inputDims: [Int]) -> PlaneGeometry {
        let (channels, height, width) = planes(inputDims)
        return PlaneGeometry(elementwise: channels, height: height, width: width)
    }

    /// In the 8-bit modes the accumulator is a wrapping int32: refuse a layer where
    /// `Σ |w| × 128` could exceed it for some output channel, so that every partial sum the
    /// hardware holds is the exact sum the integer reference saturates once.
    private static func requireExactAccumulator(_ layer: QuantizedLayer, _ conv: QuantizedConv, mode: ArithmeticMode) throws {
        guard mode != .de1socQ10, case .int8(let weights) = conv.weight.data, conv.outputChannels > 0 else { return }
        let row = weights.count / conv.outputChannels
        // A row too short to overflow even with every weight at int8's largest magnitude needs no sum.
        guard Int64(row) * Int64(Int8.min.magnitude) * largestInput(mode) > Int64(Int32.max) else { return }
        try requireExactAccumulator(layer, channelMagnitudes: (0..<conv.outputChannels).map { channel in
            weights[(channel * row)..<((channel + 1) * row)].reduce(Int64(0)) { $0 + Int64($1.magnitude) }
        }, mode: mode)
    }

    /// The accumulator rule on each output channel's sum of int8 weight magnitudes.
    static func requireExactAccumulator(_ layer: QuantizedLayer, channelMagnitudes: [Int64], mode: ArithmeticMode) throws {
        guard mode != .de1socQ10, mode.storageType == .int8 else { return }
        let largestInput = largestInput(mode)
        for (channel, magnitude) in channelMagnitudes.enumerated() where magnitude * largestInput > Int64(Int32.max) {
            throw BackendError.layerDoesNotFit(
                layer: layer.name, target: "any",
                reason: "output channel \(channel): Σ|w| × \(largestInput) = \(magnitude * largestInput) could overflow the int32 accumulator")
        }
    }

    /// The largest magnitude a stored activation takes.
    private static func largestInput(_ mode: ArithmeticMode) -> Int64 {
        Int64(max(-mode.storageRange.lowerBound, mode.storageRange.upperBound))
    }

    /// Sigmoid, tanh and every other table layer run in the post-processing lookup-table stage,
    /// which a target without LUT activations does not have.
    private static func requireLookupTableStage(_ layer: QuantizedLayer, _ target: HardwareConfig) throws {
        guard target.features.lutActivations else {
            throw unsupported(layer, "target '\(target.name)' has no LUT activations (features.lutActivations is false), "
                                     + "so it has no lookup-table stage for sigmoid, tanh or other table layers")
        }
    }

    /// `ADD` holds a multiplier of 32 unsigned bits and a shift of 6.
    private static func requireEncodableRescales(_ layer: QuantizedLayer, _ operands: [QuantizedRescale], shift: Int) throws {
        guard (0...63).contains(shift) else { throw unsupported(layer, "rescale shift \(shift) outside ADD's 0...63") }
        for (position, operand) in operands.enumerated() where !(0...Int64(UInt32.max)).contains(operand.multiplier) {
            throw unsupported(layer, "input \(position)'s rescale multiplier \(operand.multiplier) does not fit ADD's 32 unsigned bits")
        }
    }

    private static func requireUnitDilation(_ layer: QuantizedLayer, _ window: QuantizedWindow) throws {
        guard window.dilations.allSatisfy({ $0 == 1 }) else {
            throw unsupported(layer, "dilated pooling (dilations \(window.dilations))")
        }
    }

    /// The taps each output row and column of an average pool counts (padding excluded at the
    /// borders unless `countIncludePad`); refuses a pool with a window of no tap or one whose
    /// count has no reciprocal.
    private static func tapCounts(_ layer: QuantizedLayer, _ pool: QuantizedPool) throws -> (rows: [Int], columns: [Int]) {
        let counts = (0..<2).map { axis in
            (0..<pool.window.outputSize[axis]).map { output in
                (0..<pool.window.kernel[axis]).filter { tap in
                    let position = pool.window.inputPosition(axis: axis, output: output, tap: tap)
                    let low = pool.countIncludePad ? -pool.window.pads[axis] : 0
                    let high = pool.window.inputSize[axis] + (pool.countIncludePad ? pool.window.pads[axis + 2] : 0)
                    return position >= low && position < high
                }.count
            }
        }
        guard let rows = counts[0].max(), let columns = counts[1].max(), rows * columns <= pool.reciprocals.count,
              counts.allSatisfy({ $0.allSatisfy { $0 > 0 } }) else {
            throw unsupported(layer, "average pooling with a window of no tap, or \(pool.reciprocals.count) reciprocals for its counts")
        }
        return (counts[0], counts[1])
    }

    static func unsupported(_ layer: QuantizedLayer, _ reason: String) -> BackendError {
        .unsupportedLayer(layer: layer.name, op: layer.op.operatorName, reason: reason)
    }
}

extension QuantizedWindow {
    /// A 1×1 window over a 1×1 plane.
    static let pointwiseWindow = QuantizedWindow(kernel: [1, 1], strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0],
                                                 inputSize: [1, 1], outputSize: [1, 1])
}

extension Int32 {
    /// The four little-endian bytes.
    var littleEndianBytes: [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: self >> (8 * $0)) } }
}
