import IR
import Quantization

/// A small quantized graph with squeeze-and-excitation products (a feature map times a per-channel
/// gate computed from its own global average), built by hand in any 8-bit arithmetic mode so that
/// the backend's gated products can be compared with `IntegerInterpreter` on every preset. In
/// the default modes the zero points cover both special cases of the lowering (a feature map and a
/// gate at −128) and ordinary ones.
public enum GateGraphs {
    /// x [1, C, S, S] → a (3×3 conv) → pool (global average) → g1, g2 (1×1 convs: the gates) →
    /// m1 = a · g1 → m2 = m1 · g2 → y (3×3 conv).
    public static func squeezeExcite(mode: ArithmeticMode, channels: Int = 12, size: Int = 6) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 26)
        let z: [Int32] = mode.usesZeroPoints ? [4, -128, -7, -128, 3, 9, 0] : Array(repeating: 0, count: 7)
        let (x, a, pool, g1, g2, m1, m2) = (z[0], z[1], z[2], z[3], z[4], z[5], z[6])
        let dims = [1, channels, size, size], gateDims = [1, channels, 1, 1]
        func conv(_ name: String, _ input: String, kernel: Int, size: Int, _ zeroPoints: (Int32, Int32)) -> QuantizedLayer {
            DepthwiseGraphs.conv(name, input: input, inputChannels: channels, outputChannels: channels, group: 1, kernel: kernel, stride: 1,
                                 size: size, mode: mode, zeroPoints: zeroPoints, using: &generator)
        }
        func product(_ name: String, _ inputs: [String], _ zeroPoints: (Int32, Int32), multiplier: Int64, shift: Int,
                     output: Int32) -> QuantizedLayer {
            QuantizedLayer(name: name, op: .multiply(aZeroPoint: zeroPoints.0, bZeroPoint: zeroPoints.1, multiplier: multiplier, shift: shift,
                                                     outputZeroPoint: output, outputClamp: mode.storageRange),
                           inputs: inputs, output: name, dims: dims, params: MultiInputGraphs.params(mode, output))
        }
        let reciprocal = FixedPointMultiplier(approximating: 1 / Double(size * size)) ?? FixedPointMultiplier(multiplier: 0, shift: 0)
        let layers = [
            conv("a", "x", kernel: 3, size: size, (x, a)),
            QuantizedLayer(name: "pool", op: .globalAveragePool(inputZeroPoint: a, outputZeroPoint: pool, reciprocal: reciprocal,
                                                                outputClamp: mode.storageRange),
                           inputs: ["a"], output: "pool", dims: gateDims, params: MultiInputGraphs.params(mode, pool)),
            conv("g1", "pool", kernel: 1, size: 1, (pool, g1)),
            conv("g2", "pool", kernel: 1, size: 1, (pool, g2)),
            product("m1", ["a", "g1"], (a, g1), multiplier: 1 << 31, shift: 41, output: m1),
            product("m2", ["m1", "g2"], (m1, g2), multiplier: 1_518_500_250, shift: 39, output: m2),
            conv("y", "m2", kernel: 3, size: size, (m2, 0)),
        ]
        return QuantizedGraph(name: "squeeze-excite", arithmetic: mode,
                              input: QuantizedInput(name: "x", dims: dims, params: MultiInputGraphs.params(mode, x)), layers: layers,
                              outputs: [QuantizedOutput(name: "y", value: "y", dims: dims, params: MultiInputGraphs.params(mode, 0),
                                                        hostSoftmax: nil)])
    }
}
