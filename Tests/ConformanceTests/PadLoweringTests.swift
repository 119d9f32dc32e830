import Backend
import IR
import Runtime
import Testing
import Accelerator
import Quantization
import TestSupport

/// Standalone constant Pads (of the graph input, and of a convolution's output, which residency may
/// keep on chip inside the Pad's box) lowered to a padding `LOAD` and an `ALU` copy, bit-exact
/// against `IntegerInterpreter` on every preset.
@Suite struct PadLoweringTests {
    /// x [1, 4, 6, 6] → pad1 (top 1, right 1; value zp + 5) → a (3×3) → pad2 (top 2, bottom 1,
    /// right 3; the zero point) → b (3×3) → y.
    static func graph(mode: ArithmeticMode) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 24)
        let (x, a): (Int32, Int32) = mode.usesZeroPoints ? (3, -4) : (0, 0)
        func pad(_ name: String, _ input: String, _ pads: [Int], _ value: Int32, _ size: Int) -> QuantizedLayer {
            QuantizedLayer(name: name, op: .pad(pads: pads, value: value), inputs: [input], output: name, dims: [1, 4, size, size],
                           params: MultiInputGraphs.params(mode, value))
        }
        let layers = [
            pad("pad1", "x", [0, 0, 1, 0, 0, 0, 0, 1], x + 5, 7),
            MultiInputGraphs.conv("a", input: "pad1", channels: 4, outputChannels: 4, size: 7, mode: mode, zeroPoints: (x, a),
                                  using: &generator),
            pad("pad2", "a", [0, 0, 2, 0, 0, 0, 1, 3], a, 10),
            MultiInputGraphs.conv("b", input: "pad2", channels: 4, outputChannels: 4, size: 10, mode: mode, zeroPoints: (a, 0),
                                  using: &generator),
        ]
        return QuantizedGraph(name: "pads", arithmetic: mode,
                              input: QuantizedInput(name: "x", dims: [1, 4, 6, 6], params: MultiInputGraphs.params(mode, x)),
                              layers: layers,
                              outputs: [QuantizedOutput(name: "y", value: "b", dims: [1, 4, 10, 10], params: MultiInputGraphs.params(mode, 0),
                                                        hostSoftmax: nil)])
    }

    @Test(arguments: HardwareConfig.presets.map(\.name))
    func padsAreBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let reference = try LoweringCheck.bitExact(Self.graph(mode: config.arithmetic), on: config, seed: 10).reference
        #expect(reference["pad1"]?.prefix(7).allSatisfy { $0 == (config.arithmetic.usesZeroPoints ? 8 : 5) } == true, "the top row is padding")
    }
}
