import Accelerator
import IR
import Quantization

/// Decides what each quantized layer asks of the accelerator (`LayerWork`), or refuses it with
/// `BackendError.unsupportedLayer` naming the layer and the reason.
enum LayerClassifier {
    /// The work of `layer`, whose first input has shape `inputDims`, on `target`.
    static func work(of layer: QuantizedLayer, inputDims: [Int], mode: ArithmeticMode, target: HardwareConfig) throws -> LayerWork {
        guard inputDims.first == 1 else {
            throw unsupported(layer, "batch \(inputDims.first ?? 0); the accelerator runs one image at a time")
        }
        switch layer.op {
        case .conv(let conv):
            guard conv.group == 1 else { throw unsupported(layer, "grouped convolution (group \(conv.group))") }
            try requireExactAccumulator(layer, conv, mode: mode)
            let geometry = PlaneGeometry(window: conv.window, inputChannels: inputDims[1], outputChannels: conv.outputChannels)
            return .gemm(GemmWork(geometry: geometry, conv: conv))
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
            let count = try uniformTapCount(layer, pool)
            return .pool(PoolWork(geometry: geometry(pool.window, inputDims), kind: .average, inputZeroPoint: pool.inputZeroPoint,
                                  outputZeroPoint: pool.outputZeroPoint, reciprocal: pool.reciprocals[count - 1],
                                  clamp: pool.outputClamp, padValue: pool.inputZeroPoint))
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
            return .alias
        case .add:
            throw unsupported(layer, "elementwise Add has no accelerator lowering yet")
        case .concat:
            throw unsupported(layer, "Concat has no accelerator lowering yet")
        case .multiply, .sliceChannels, .channelShuffle: throw unsupported(layer, "\(layer.op.operatorName) has no accelerator lowering yet")
        case .pad:
            throw unsupported(layer, "a standalone Pad has no accelerator lowering yet (padding fused into Conv/Pool is supported)")
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
        let largestInput = Int64(max(-mode.storageRange.lowerBound, mode.storageRange.upperBound))
        for channel in 0..<conv.outputChannels {
            let magnitude = weights[(channel * row)..<((channel + 1) * row)].reduce(Int64(0)) { $0 + Int64($1.magnitude) }
            if magnitude * largestInput > Int64(Int32.max) {
                throw BackendError.layerDoesNotFit(
                    layer: layer.name, target: "any",
                    reason: "output channel \(channel): Σ|w| × \(largestInput) = \(magnitude * largestInput) could overflow the int32 accumulator")
            }
        }
    }

    /// Sigmoid, tanh and every other table layer run in the post-processing lookup-table stage,
    /// which a target without LUT activations does not have.
    private static func requireLookupTableStage(_ layer: QuantizedLayer, _ target: HardwareConfig) throws {
        guard target.features.lutActivations else {
            throw unsupported(layer, "target '\(target.name)' has no LUT activations (features.lutActivations is false), "
                                     + "so it has no lookup-table stage for sigmoid, tanh or other table layers")
        }
    }

    private static func requireUnitDilation(_ layer: QuantizedLayer, _ window: QuantizedWindow) throws {
        guard window.dilations.allSatisfy({ $0 == 1 }) else {
            throw unsupported(layer, "dilated pooling (dilations \(window.dilations))")
        }
    }

    /// The tap count every window of an average pool divides by; refuses pools whose count varies
    /// (padding excluded from the count at the borders).
    private static func uniformTapCount(_ layer: QuantizedLayer, _ pool: QuantizedPool) throws -> Int {
        let counts = (0..<2).map { axis in
            Set((0..<pool.window.outputSize[axis]).map { output in
                (0..<pool.window.kernel[axis]).filter { tap in
                    let position = pool.window.inputPosition(axis: axis, output: output, tap: tap)
                    let low = pool.countIncludePad ? -pool.window.pads[axis] : 0
                    let high = pool.window.inputSize[axis] + (pool.countIncludePad ? pool.window.pads[axis + 2] : 0)
                    return position >= low && position < high
                }.count
            })
        }
        guard counts[0].count == 1, counts[1].count == 1, let rows = counts[0].first, let columns = counts[1].first,
              rows * columns > 0, rows * columns <= pool.reciprocals.count else {
            throw unsupported(layer, "average pooling whose windows count different numbers of taps (padding excluded at the borders)")
        }
        return rows * columns
    }

    private static func unsupported(_ layer: QuantizedLayer, _ reason: String) -> BackendError {
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
