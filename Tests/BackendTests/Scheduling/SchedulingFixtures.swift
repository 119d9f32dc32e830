@testable import Backend
import IR
import Accelerator
import Quantization
import TestSupport

/// Small quantized graphs and configs for the scheduling tests, built by hand so that every
/// number is known.
enum SchedulingFixtures {
    static let unit = QuantParams(scale: 0.05, zeroPoint: 0)

    /// A `[1, C, H, W]` 3×3 convolution (pad 1) with seeded int8 weights and a ReLU clamp.
    static func conv(_ name: String, input: String, inputChannels: Int, outputChannels: Int, size: Int,
                     group: Int = 1, weightValue: Int8? = nil, seed: UInt64 = 1, mode: ArithmeticMode = .standard) -> QuantizedLayer {
        var generator = SeededGenerator(seed: seed)
        let count = outputChannels * inputChannels / group * 9
        let weights = (0..<count).map { _ in weightValue ?? Int8.random(in: -20...20, using: &generator) }
        let window = QuantizedWindow(kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1],
                                     inputSize: [size, size], outputSize: [size, size])
        var conv = QuantizedConv(
            weight: Tensor(shape: Shape([outputChannels, inputChannels / group, 3, 3]), data: storage(weights, mode)),
            weightScales: [0.01], bias: (0..<outputChannels).map { Int32($0 * 3 - 10) }, window: window, group: group,
            inputZeroPoint: 0, requantization: .multiplier([FixedPointMultiplier(multiplier: 1 << 30, shift: 36)]),
            outputZeroPoint: 0, outputClamp: 0...127)
        conv.requantization = requantization(conv.requantization, mode)
        return QuantizedLayer(name: name, op: .conv(conv), inputs: [input], output: name, dims: [1, outputChannels, size, size],
                              params: unit)
    }

    static func maxPool(_ name: String, input: String, channels: Int, size: Int) -> QuantizedLayer {
        let window = QuantizedWindow(kernel: [2, 2], strides: [2, 2], dilations: [1, 1], pads: [0, 0, 0, 0],
                                     inputSize: [size, size], outputSize: [size / 2, size / 2])
        let pool = QuantizedPool(window: window, countIncludePad: false, inputZeroPoint: 0, outputZeroPoint: 0,
                                 reciprocals: [], outputClamp: -128...127)
        return QuantizedLayer(name: name, op: .maxPool(pool), inputs: [input], output: name,
                              dims: [1, channels, size / 2, size / 2], params: unit)
    }

    /// conv(3→16, 16×16) → maxpool → conv(16→32, 8×8) → maxpool → flatten → fc(512→10).
    static func tinyNetwork(mode: ArithmeticMode = .standard) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 5)
        let fcWeights = (0..<(10 * 512)).map { _ in Int8.random(in: -10...10, using: &generator) }
        var fc = QuantizedConv(weight: Tensor(shape: Shape([10, 512]), data: storage(fcWeights, mode)), weightScales: [0.01],
                               bias: Array(repeating: 5, count: 10), window: .pointwiseWindow, group: 1, inputZeroPoint: 0,
                               requantization: .multiplier([FixedPointMultiplier(multiplier: 1 << 30, shift: 38)]),
                               outputZeroPoint: 0, outputClamp: -128...127)
        fc.requantization = requantization(fc.requantization, mode)
        let layers = [
            conv("conv1", input: "x", inputChannels: 3, outputChannels: 16, size: 16, mode: mode),
            maxPool("pool1", input: "conv1", channels: 16, size: 16),
            conv("conv2", input: "pool1", inputChannels: 16, outputChannels: 32, size: 8, seed: 2, mode: mode),
            maxPool("pool2", input: "conv2", channels: 32, size: 8),
            QuantizedLayer(name: "flatten", op: .reshape, inputs: ["pool2"], output: "flatten", dims: [1, 512], params: unit),
            QuantizedLayer(name: "fc", op: .fullyConnected(fc), inputs: ["flatten"], output: "fc", dims: [1, 10], params: unit),
        ]
        return QuantizedGraph(name: "tiny", arithmetic: mode, input: QuantizedInput(name: "x", dims: [1, 3, 16, 16], params: unit),
                              layers: layers, outputs: [QuantizedOutput(name: "y", value: "fc", dims: [1, 10], params: unit, hostSoftmax: nil)])
    }

    /// The preset `name` with a lookup-table stage, which `smallNetwork`'s table layer needs.
    static func target(_ name: String) -> HardwareConfig {
        var config = HardwareConfig.shipped(name)
        config.features.lutActivations = true
        return config
    }

    /// conv(2→8, 6×6) → maxpool → ALU layer → flatten → fc(72→4): a GEMM, a pool and an ALU layer,
    /// small enough to print with every weight, for the golden tests of the backend passes. The ALU
    /// layer is a lookup table (a sigmoid in `de1soc-q10`) when the target has `tables`, a clamp
    /// otherwise.
    static func smallNetwork(mode: ArithmeticMode, tables: Bool = true) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 9)
        let fcWeights = (0..<(4 * 72)).map { _ in Int8.random(in: -10...10, using: &generator) }
        let fc = QuantizedConv(weight: Tensor(shape: Shape([4, 72]), data: storage(fcWeights, mode)), weightScales: [0.01],
                               bias: [3, -2, 0, 7], window: .pointwiseWindow, group: 1, inputZeroPoint: 0,
                               requantization: requantization(.multiplier([FixedPointMultiplier(multiplier: 1 << 30, shift: 37)]), mode),
                               outputZeroPoint: 0, outputClamp: -128...127)
        let activation: QuantizedOp = !tables ? .clamp(-100...100) : mode == .de1socQ10
            ? .piecewiseLinearSigmoid(knots: (0...32).map { Int32(512 + 16 * $0) })
            : .lookupTable((0..<256).map { Int8(truncatingIfNeeded: $0 / 2 - 64) })
        let layers = [
            conv("conv1", input: "x", inputChannels: 2, outputChannels: 8, size: 6, seed: 3, mode: mode),
            maxPool("pool1", input: "conv1", channels: 8, size: 6),
            QuantizedLayer(name: "act", op: activation, inputs: ["pool1"], output: "act", dims: [1, 8, 3, 3], params: unit),
            QuantizedLayer(name: "flatten", op: .reshape, inputs: ["act"], output: "flatten", dims: [1, 72], params: unit),
            QuantizedLayer(name: "fc", op: .fullyConnected(fc), inputs: ["flatten"], output: "fc", dims: [1, 4], params: unit),
        ]
        return QuantizedGraph(name: "small", arithmetic: mode, input: QuantizedInput(name: "x", dims: [1, 2, 6, 6], params: unit),
                              layers: layers, outputs: [QuantizedOutput(name: "y", value: "fc", dims: [1, 4], params: unit, hostSoftmax: nil)])
    }

    /// `default` multipliers as the mode requantizes: a shift in `de1soc-q10`, a CU scale in
    /// `vgg16-cu`.
    static func requantization(_ multiplier: Requantization, _ mode: ArithmeticMode) -> Requantization {
        switch mode {
        case .de1socQ10: return .shift(4)
        case .vgg16CU: return .cuScale(300)
        case .standard, .dynamicFixedPoint, .pow2Weights: return multiplier
        }
    }

    /// int8 weights, or int32 in `de1soc-q10`.
    static func storage(_ weights: [Int8], _ mode: ArithmeticMode) -> TensorData {
        mode == .de1socQ10 ? .int32(weights.map(Int32.init)) : .int8(weights)
    }

    /// `preset` with its buffers replaced (KiB).
    static func config(_ preset: HardwareConfig = .shipped("vta"), input: Int, weight: Int, accumulator: Int, output: Int) -> HardwareConfig {
        var config = preset
        config.buffers = [
            SRAMBuffer(role: .input, bytes: input * 1024), SRAMBuffer(role: .weight, bytes: weight * 1024),
            SRAMBuffer(role: .accumulator, bytes: accumulator * 1024), SRAMBuffer(role: .output, bytes: output * 1024),
        ]
        return config
    }

    /// `graph` through every backend stage, verified after each.
    static func compile(_ graph: QuantizedGraph, _ config: HardwareConfig) throws -> ScheduledProgram {
        try BackendPipeline.standard.run(try ScheduledProgram(graph: graph, config: config), verify: true)
    }
}
