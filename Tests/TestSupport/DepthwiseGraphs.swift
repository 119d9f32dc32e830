import IR
import Quantization

/// Small quantized graphs with depthwise convolutions (a group per channel), built by hand in any
/// arithmetic mode so that the backend's depthwise lowering can be compared with
/// `IntegerInterpreter` on every preset.
public enum DepthwiseGraphs {
    /// x [1, C, S, S] → dw1 (3×3, pad 1) → pw (1×1, C → 2C) → dw2 (3×3, stride 2, pad 1) →
    /// scale (1×1 depthwise: a per-channel affine, as a standalone BatchNorm lowers) → y.
    public static func separable(mode: ArithmeticMode, channels: Int = 8, size: Int = 8) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 23)
        let half = (size + 1) / 2
        let zeroPoints: [Int32] = mode.usesZeroPoints ? [4, -2, 3, 1, 0] : Array(repeating: 0, count: 5)
        let layers = [
            conv("dw1", input: "x", inputChannels: channels, outputChannels: channels, group: channels, kernel: 3, stride: 1,
                 size: size, mode: mode, zeroPoints: (zeroPoints[0], zeroPoints[1]), using: &generator),
            conv("pw", input: "dw1", inputChannels: channels, outputChannels: 2 * channels, group: 1, kernel: 1, stride: 1,
                 size: size, mode: mode, zeroPoints: (zeroPoints[1], zeroPoints[2]), using: &generator),
            conv("dw2", input: "pw", inputChannels: 2 * channels, outputChannels: 2 * channels, group: 2 * channels, kernel: 3,
                 stride: 2, size: size, mode: mode, zeroPoints: (zeroPoints[2], zeroPoints[3]), using: &generator),
            conv("scale", input: "dw2", inputChannels: 2 * channels, outputChannels: 2 * channels, group: 2 * channels, kernel: 1,
                 stride: 1, size: half, mode: mode, zeroPoints: (zeroPoints[3], zeroPoints[4]), using: &generator),
        ]
        let outputDims = [1, 2 * channels, half, half]
        return QuantizedGraph(name: "separable", arithmetic: mode,
                              input: QuantizedInput(name: "x", dims: [1, channels, size, size], params: MultiInputGraphs.params(mode, zeroPoints[0])),
                              layers: layers,
                              outputs: [QuantizedOutput(name: "y", value: "scale", dims: outputDims,
                                                        params: MultiInputGraphs.params(mode, zeroPoints[4]), hostSoftmax: nil)])
    }

    /// x [1, C, S, S] → g1 (3×3, pad 1, `groups` groups, C → 2C) → g2 (1×1, stride 2, `groups`
    /// groups, 2C → C) → y: grouped convolutions whose groups hold several channels each (RegNetX).
    public static func grouped(mode: ArithmeticMode, channels: Int = 16, groups: Int = 4, size: Int = 8) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 24)
        let half = (size + 1) / 2
        let zeroPoints: [Int32] = mode.usesZeroPoints ? [-3, 2, 5] : Array(repeating: 0, count: 3)
        let layers = [
            conv("g1", input: "x", inputChannels: channels, outputChannels: 2 * channels, group: groups, kernel: 3, stride: 1,
                 size: size, mode: mode, zeroPoints: (zeroPoints[0], zeroPoints[1]), using: &generator),
            conv("g2", input: "g1", inputChannels: 2 * channels, outputChannels: channels, group: groups, kernel: 1, stride: 2,
                 size: size, mode: mode, zeroPoints: (zeroPoints[1], zeroPoints[2]), using: &generator),
        ]
        return QuantizedGraph(name: "grouped", arithmetic: mode,
                              input: QuantizedInput(name: "x", dims: [1, channels, size, size], params: MultiInputGraphs.params(mode, zeroPoints[0])),
                              layers: layers,
                              outputs: [QuantizedOutput(name: "y", value: "g2", dims: [1, channels, half, half],
                                                        params: MultiInputGraphs.params(mode, zeroPoints[2]), hostSoftmax: nil)])
    }

    /// A `kernel`×`kernel` convolution of `group` groups (pad `kernel / 2`) over `size`×`size`, with
    /// seeded weights, in `mode`'s requantization.
    public static func conv(_ name: String, input: String, inputChannels: Int, outputChannels: Int, group: Int, kernel: Int,
                            stride: Int, size: Int, mode: ArithmeticMode, zeroPoints: (input: Int32, output: Int32),
                            using generator: inout SeededGenerator) -> QuantizedLayer {
        let taps = kernel * kernel
        let weights = (0..<(outputChannels * inputChannels / group * taps)).map { _ in Int8.random(in: -40...40, using: &generator) }
        let pad = kernel / 2
        let output = (size + 2 * pad - kernel) / stride + 1
        let window = QuantizedWindow(kernel: [kernel, kernel], strides: [stride, stride], dilations: [1, 1], pads: [pad, pad, pad, pad],
                                     inputSize: [size, size], outputSize: [output, output])
        let conv = QuantizedConv(
            weight: Tensor(shape: Shape([outputChannels, inputChannels / group, kernel, kernel]), data: weightData(weights, mode: mode)),
            weightScales: [0.01], bias: (0..<outputChannels).map { Int32($0 * 7 - 30) }, window: window, group: group,
            inputZeroPoint: zeroPoints.input, requantization: requantization(mode, outputChannels: outputChannels),
            outputZeroPoint: zeroPoints.output, outputClamp: mode.storageRange)
        return QuantizedLayer(name: name, op: .conv(conv), inputs: [input], output: name, dims: [1, outputChannels, output, output],
                              params: MultiInputGraphs.params(mode, zeroPoints.output))
    }

    /// `mode`'s requantization of `outputChannels` channels: a shift in `de1soc-q10`, a CU scale in
    /// `vgg16-cu`, per-channel multipliers near 2^30 / 2^35 otherwise.
    public static func requantization(_ mode: ArithmeticMode, outputChannels: Int) -> Requantization {
        switch mode {
        case .de1socQ10: return .shift(4)
        case .vgg16CU: return .cuScale(3000)
        case .standard, .dynamicFixedPoint, .pow2Weights:
            return .multiplier((0..<outputChannels).map { FixedPointMultiplier(multiplier: Int32(1 << 30) + Int32($0) * 4096, shift: 35) })
        }
    }

    /// The weights as `mode` stores them: int32 in `de1soc-q10`, int8 otherwise.
    public static func weightData(_ weights: [Int8], mode: ArithmeticMode) -> TensorData {
        mode == .de1socQ10 ? .int32(weights.map(Int32.init)) : .int8(weights)
    }
}
