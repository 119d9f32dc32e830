import IR
import Quantization

/// Small quantized graphs with multi-input layers (residual Add, an n-input Sum, a one-input
/// requantizing Add), built by hand in any arithmetic mode so that the backend's lowering can be
/// compared with `IntegerInterpreter` on every preset.
public enum MultiInputGraphs {
    /// x → conv a → conv b → res = Add(b, a) → sum = Add(res, x, a) → copy = Add(sum) → conv c.
    /// `a` has three readers, `x` (the graph input) is an Add operand, and `copy`'s only reader is a
    /// convolution, so residency may keep Add outputs on chip. `channels` and `size` set the
    /// activations' `[1, channels, size, size]`.
    public static func residual(mode: ArithmeticMode, channels: Int = 12, size: Int = 8) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 21)
        let dims = [1, channels, size, size]
        let zeroPoints: [Int32] = mode.usesZeroPoints ? [3, -5, 7, -2, 4, 1] : Array(repeating: 0, count: 6)
        let input = QuantizedInput(name: "x", dims: dims, params: params(mode, zeroPoints[0]))
        let layers = [
            conv("a", input: "x", channels: channels, outputChannels: channels, size: size, mode: mode,
                 zeroPoints: (zeroPoints[0], zeroPoints[1]), using: &generator),
            conv("b", input: "a", channels: channels, outputChannels: channels, size: size, mode: mode,
                 zeroPoints: (zeroPoints[1], zeroPoints[2]), using: &generator),
            add("res", inputs: ["b", "a"], zeroPoints: [zeroPoints[2], zeroPoints[1]], multipliers: [1 << 29, 3 << 28],
                output: zeroPoints[3], dims: dims, mode: mode),
            add("sum", inputs: ["res", "x", "a"], zeroPoints: [zeroPoints[3], zeroPoints[0], zeroPoints[1]],
                multipliers: [5 << 27, 1 << 28, 7 << 26], output: zeroPoints[4], dims: dims, mode: mode),
            add("copy", inputs: ["sum"], zeroPoints: [zeroPoints[4]], multipliers: [3 << 29], output: zeroPoints[5], dims: dims,
                mode: mode),
            conv("c", input: "copy", channels: channels, outputChannels: 4, size: size, mode: mode,
                 zeroPoints: (zeroPoints[5], 0), using: &generator),
        ]
        let outputDims = [1, 4, size, size]
        return QuantizedGraph(name: "residual", arithmetic: mode, input: input, layers: layers,
                              outputs: [QuantizedOutput(name: "y", value: "c", dims: outputDims, params: params(mode, 0),
                                                        hostSoftmax: nil)])
    }

    /// Channel Concats: x → a, b → cat1 = [a, b] → c → d → cat2 = [d, x, a, c] → e, f → cat3 = [e, f] → y.
    /// `b`, `d`, `e` and `f` (identity rescale, only reader) are written by address; `a` and `c`
    /// (two readers) and the graph input `x` (another scale) are copied, so `cat3` runs no
    /// instructions and `cat1` and `cat2` copy some inputs.
    public static func concats(mode: ArithmeticMode, size: Int = 6) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 22)
        let z: [Int32] = mode.usesZeroPoints ? [2, -3, 5, 4, -1] : Array(repeating: 0, count: 5)
        let (x, cat1, c, cat2, cat3) = (z[0], z[1], z[2], z[3], z[4])
        func dims(_ channels: Int) -> [Int] { [1, channels, size, size] }
        func conv(_ name: String, _ input: String, _ channels: Int, _ outputs: Int, _ zeroPoints: (Int32, Int32)) -> QuantizedLayer {
            Self.conv(name, input: input, channels: channels, outputChannels: outputs, size: size, mode: mode, zeroPoints: zeroPoints,
                      using: &generator)
        }
        let identity = Int64(1) << 30
        let layers = [
            conv("a", "x", 4, 6, (x, cat1)),
            conv("b", "x", 4, 5, (x, cat1)),
            concat("cat1", inputs: ["a", "b"], zeroPoints: [cat1, cat1], multipliers: [identity, identity], output: cat1,
                   dims: dims(11), mode: mode),
            conv("c", "cat1", 11, 4, (cat1, c)),
            conv("d", "c", 4, 3, (c, cat2)),
            concat("cat2", inputs: ["d", "x", "a", "c"], zeroPoints: [cat2, x, cat1, c],
                   multipliers: [identity, 3 << 29, identity, 5 << 27], output: cat2, dims: dims(17), mode: mode),
            conv("e", "cat2", 17, 2, (cat2, cat3)),
            conv("f", "cat2", 17, 3, (cat2, cat3)),
            concat("cat3", inputs: ["e", "f"], zeroPoints: [cat3, cat3], multipliers: [identity, identity], output: cat3,
                   dims: dims(5), mode: mode),
            conv("y", "cat3", 5, 4, (cat3, 0)),
        ]
        return QuantizedGraph(name: "concats", arithmetic: mode, input: QuantizedInput(name: "x", dims: dims(4), params: params(mode, x)),
                              layers: layers,
                              outputs: [QuantizedOutput(name: "y", value: "y", dims: dims(4), params: params(mode, 0), hostSoftmax: nil)])
    }

    /// A channel Concat of `inputs` rescaled by `multipliers / 2^30` with input zero points `zeroPoints`.
    public static func concat(_ name: String, inputs: [String], zeroPoints: [Int32], multipliers: [Int64], output: Int32,
                              dims: [Int], mode: ArithmeticMode) -> QuantizedLayer {
        let rescales = zip(zeroPoints, multipliers).map { QuantizedRescale(zeroPoint: $0, multiplier: $1) }
        return QuantizedLayer(name: name, op: .concat(axis: 1, inputs: rescales, shift: 30, outputZeroPoint: output,
                                                      outputClamp: mode.storageRange),
                              inputs: inputs, output: name, dims: dims, params: params(mode, output))
    }

    /// An Add of `inputs` rescaled by `multipliers / 2^30` with input zero points `zeroPoints`.
    public static func add(_ name: String, inputs: [String], zeroPoints: [Int32], multipliers: [Int64], output: Int32,
                           dims: [Int], mode: ArithmeticMode) -> QuantizedLayer {
        let rescales = zip(zeroPoints, multipliers).map { QuantizedRescale(zeroPoint: $0, multiplier: $1) }
        return QuantizedLayer(name: name, op: .add(inputs: rescales, shift: 30, outputZeroPoint: output, outputClamp: mode.storageRange),
                              inputs: inputs, output: name, dims: dims, params: params(mode, output))
    }

    /// A 3×3 convolution (pad 1) with seeded weights, in `mode`'s requantization.
    public static func conv(_ name: String, input: String, channels: Int, outputChannels: Int, size: Int, mode: ArithmeticMode,
                            zeroPoints: (input: Int32, output: Int32), using generator: inout SeededGenerator) -> QuantizedLayer {
        let weights = (0..<(outputChannels * channels * 9)).map { _ in Int8.random(in: -20...20, using: &generator) }
        let window = QuantizedWindow(kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1],
                                     inputSize: [size, size], outputSize: [size, size])
        let requantization: Requantization
        switch mode {
        case .de1socQ10: requantization = .shift(6)
        case .vgg16CU: requantization = .cuScale(600)
        case .standard, .dynamicFixedPoint, .pow2Weights: requantization = .multiplier([FixedPointMultiplier(multiplier: 1 << 30, shift: 37)])
        }
        let data: TensorData = mode == .de1socQ10 ? .int32(weights.map(Int32.init)) : .int8(weights)
        let conv = QuantizedConv(
            weight: Tensor(shape: Shape([outputChannels, channels, 3, 3]), data: data), weightScales: [0.01],
            bias: (0..<outputChannels).map { Int32($0 * 5 - 20) }, window: window, group: 1, inputZeroPoint: zeroPoints.input,
            requantization: requantization, outputZeroPoint: zeroPoints.output, outputClamp: mode.storageRange)
        return QuantizedLayer(name: name, op: .conv(conv), inputs: [input], output: name,
                              dims: [1, outputChannels, size, size], params: params(mode, zeroPoints.output))
    }

    /// A scale of 2^−5 (2^−10 in `de1soc-q10`) with `zeroPoint`.
    public static func params(_ mode: ArithmeticMode, _ zeroPoint: Int32) -> QuantParams {
        QuantParams(scale: mode == .de1socQ10 ? 1.0 / 1024 : 1.0 / 32, zeroPoint: zeroPoint)
    }
}
