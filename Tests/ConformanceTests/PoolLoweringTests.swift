import Backend
import IR
import Runtime
import Testing
import Accelerator
import Quantization
import TestSupport

/// Average pools whose windows count different numbers of taps (padding excluded at the borders,
/// a ceil-mode window past the input) lowered to one `POOL` per block of equal counts, bit-exact
/// against `IntegerInterpreter` on every preset.
@Suite struct PoolLoweringTests {
    /// x [1, 5, 7, 8] → avg (3×3, stride 2, pad 1, count_include_pad 0, ceil mode: 4×5 outputs) → y.
    static func graph(mode: ArithmeticMode) -> QuantizedGraph {
        let (x, y): (Int32, Int32) = mode.usesZeroPoints ? (-6, 1) : (0, 0)
        let window = QuantizedWindow(kernel: [3, 3], strides: [2, 2], dilations: [1, 1], pads: [1, 1, 1, 1], inputSize: [7, 8],
                                     outputSize: [4, 5])
        let reciprocals = (1...9).map { FixedPointMultiplier(multiplier: Int32((1 << 30) / $0), shift: 30) }
        let pool = QuantizedPool(window: window, countIncludePad: false, inputZeroPoint: x, outputZeroPoint: y,
                                 reciprocals: reciprocals, outputClamp: mode.storageRange)
        let layers = [QuantizedLayer(name: "avg", op: .averagePool(pool), inputs: ["x"], output: "avg", dims: [1, 5, 4, 5],
                                     params: MultiInputGraphs.params(mode, y))]
        return QuantizedGraph(name: "pools", arithmetic: mode,
                              input: QuantizedInput(name: "x", dims: [1, 5, 7, 8], params: MultiInputGraphs.params(mode, x)),
                              layers: layers,
                              outputs: [QuantizedOutput(name: "y", value: "avg", dims: [1, 5, 4, 5], params: MultiInputGraphs.params(mode, y),
                                                        hostSoftmax: nil)])
    }

    @Test(arguments: HardwareConfig.presets.map(\.name))
    func unevenAveragePoolIsBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let scheduled = try LoweringCheck.bitExact(Self.graph(mode: config.arithmetic), on: config, seed: 12).scheduled
        let pools = try scheduled.program.instructions.compactMap { instruction -> Int32? in
            if case .pool(let pool) = instruction { return pool.multiplier } else { return nil }
        }
        // Rows count 2, 3, 3, 2 taps and columns 2, 3, 3, 3, 1 (the ceil-mode column past the input):
        // blocks with the reciprocals of 4, 6, 2, 6, 9, 3.
        #expect(Set(pools) == Set([4, 6, 2, 9, 3].map { Int32((1 << 30) / $0) }))
    }
}
