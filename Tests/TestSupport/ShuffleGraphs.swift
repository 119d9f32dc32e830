import IR
import Quantization

/// A small quantized graph with ShuffleNetV2's plumbing — channel Splits, channel shuffles of a
/// two-input Concat — built by hand in any arithmetic mode so that the backend's slices and shuffles
/// by address can be compared with `IntegerInterpreter` on every preset.
public enum ShuffleGraphs {
    /// x [1, 8, S, S] → a, b (3×3 convs, 8 → 4) → cat1 = [a, b] → sh1 = shuffle(2) →
    /// left = channels 0..<4, right = channels 4..<8 of sh1 → c (conv of right) → cat2 = [left, c] →
    /// sh2 = shuffle(2) → y (conv, 8 → 6). `a`, `b` and `c` are written by address, `left` is copied.
    public static func shuffleUnits(mode: ArithmeticMode, size: Int = 6) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 25)
        let z: [Int32] = mode.usesZeroPoints ? [3, -2, 5] : Array(repeating: 0, count: 3)
        func dims(_ channels: Int) -> [Int] { [1, channels, size, size] }
        func conv(_ name: String, _ input: String, _ channels: Int, _ outputs: Int, _ zeroPoints: (Int32, Int32)) -> QuantizedLayer {
            MultiInputGraphs.conv(name, input: input, channels: channels, outputChannels: outputs, size: size, mode: mode,
                                  zeroPoints: zeroPoints, using: &generator)
        }
        func layout(_ name: String, _ op: QuantizedOp, _ input: String, _ channels: Int, _ zeroPoint: Int32) -> QuantizedLayer {
            QuantizedLayer(name: name, op: op, inputs: [input], output: name, dims: dims(channels),
                           params: MultiInputGraphs.params(mode, zeroPoint))
        }
        let identity = Int64(1) << 30
        let layers = [
            conv("a", "x", 8, 4, (z[0], z[1])),
            conv("b", "x", 8, 4, (z[0], z[1])),
            MultiInputGraphs.concat("cat1", inputs: ["a", "b"], zeroPoints: [z[1], z[1]], multipliers: [identity, identity], output: z[1],
                                    dims: dims(8), mode: mode),
            layout("sh1", .channelShuffle(groups: 2), "cat1", 8, z[1]),
            layout("left", .sliceChannels(start: 0, count: 4), "sh1", 4, z[1]),
            layout("right", .sliceChannels(start: 4, count: 4), "sh1", 4, z[1]),
            conv("c", "right", 4, 4, (z[1], z[2])),
            MultiInputGraphs.concat("cat2", inputs: ["left", "c"], zeroPoints: [z[1], z[2]], multipliers: [3 << 28, identity], output: z[2],
                                    dims: dims(8), mode: mode),
            layout("sh2", .channelShuffle(groups: 2), "cat2", 8, z[2]),
            conv("y", "sh2", 8, 6, (z[2], 0)),
        ]
        return QuantizedGraph(name: "shuffle-units", arithmetic: mode,
                              input: QuantizedInput(name: "x", dims: dims(8), params: MultiInputGraphs.params(mode, z[0])), layers: layers,
                              outputs: [QuantizedOutput(name: "y", value: "y", dims: dims(6), params: MultiInputGraphs.params(mode, 0),
                                                        hostSoftmax: nil)])
    }
}
