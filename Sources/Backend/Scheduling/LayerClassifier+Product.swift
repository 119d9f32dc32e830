import IR
import Quantization

extension LayerClassifier {
    /// A `Multiply` of a feature map `[1, C, H, W]` by a per-channel gate `[1, C, 1, 1]`: a
    /// depthwise convolution of `1 + padRows` taps `H` rows apart (`GatedProduct`), with constant
    /// weights for the gate's zero point and the product's multiplier in every `POST` record.
    static func productWork(of layer: QuantizedLayer, operandDims: [[Int]], aZeroPoint: Int32, bZeroPoint: Int32, multiplier: Int64,
                            shift: Int, outputZeroPoint: Int32, clamp: ClosedRange<Int32>, mode: ArithmeticMode) throws -> LayerWork {
        guard mode.storageType == .int8 else { throw unsupported(layer, "Multiply is defined on int8 storage only") }
        let (x, gate) = (operandDims[0], operandDims.count > 1 ? operandDims[1] : [])
        guard x.count == 4, gate == [x[0], x[1], 1, 1] else {
            throw unsupported(layer, "Multiply of \(operandDims); only a feature map by a per-channel [N, C, 1, 1] gate is lowered")
        }
        let (channels, height, width) = planes(x)
        let (padRows, padValue): (Int, Int32) = aZeroPoint == -128 ? (2, 64) : (aZeroPoint == 0 ? 0 : 1, -aZeroPoint)
        let (staticPasses, staticWeight): (Int, Int8) = bZeroPoint == -128 ? (2, 64) : (bZeroPoint == 0 ? 0 : 1, Int8(-bZeroPoint))
        let requantization = try productMultiplier(layer, multiplier: multiplier, shift: shift)
        guard height * (padRows + 1) <= 255 else {
            throw unsupported(layer, "a gated product over \(height) rows needs its pad rows \(padRows * height) and dilation \(height) "
                                     + "within LOAD's and GEMM's 8 bits")
        }
        let taps = padRows + 1
        let window = QuantizedWindow(kernel: [taps, 1], strides: [1, 1], dilations: [padRows > 0 ? height : 1, 1], pads: [0, 0, padRows * height, 0],
                                     inputSize: [height, width], outputSize: [height, width])
        let conv = QuantizedConv(
            weight: Tensor(shape: Shape([channels, 1, taps, 1]), data: .int8(Array(repeating: staticWeight, count: channels * taps))),
            weightScales: [1], bias: Array(repeating: 0, count: channels), window: window, group: channels, inputZeroPoint: padValue,
            requantization: .multiplier([requantization]), outputZeroPoint: outputZeroPoint, outputClamp: clamp)
        return .gemm(GemmWork(geometry: PlaneGeometry(window: window, inputChannels: channels, outputChannels: channels), conv: conv,
                              depthwise: true, gate: GatedProduct(padRows: padRows, staticPasses: staticPasses)))
    }

    /// The product's multiplier as a `POST` record holds it (31 bits): `2^31` becomes `2^30` with
    /// one shift less, the same exact product.
    private static func productMultiplier(_ layer: QuantizedLayer, multiplier: Int64, shift: Int) throws -> FixedPointMultiplier {
        if multiplier <= Int64(Int32.max) { return FixedPointMultiplier(multiplier: Int32(multiplier), shift: shift) }
        guard multiplier == Int64(1) << 31, shift > 0 else {
            throw unsupported(layer, "product multiplier \(multiplier) with shift \(shift) does not fit a POST record's int32")
        }
        return FixedPointMultiplier(multiplier: 1 << 30, shift: shift - 1)
    }
}
