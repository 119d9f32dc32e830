import IR
import Quantization

/// Which layer outputs are written straight into a channel slice of a Concat's output in DRAM, so
/// that the Concat copies nothing for them. An input of a channel Concat is written by address when
/// its rescale is the identity (`multiplier == 2^shift`, the Concat's zero point, a clamp that
/// keeps every stored value), it is the output of a layer that runs instructions (not the graph
/// input, a reshape or another Concat), the Concat is its only reader (once) and it is not a graph
/// output. Every other input is copied by a requantizing `ADD`. Derived from the graph alone, so
/// that every stage and the verifier agree.
public struct ChannelSlices: Hashable, Sendable {
    /// Where one producer's output lies inside a Concat's output.
    public struct Slice: Hashable, Sendable {
        /// The Concat's output value.
        public var concat: String
        /// The first channel of the slice.
        public var channelOffset: Int

        public init(concat: String, channelOffset: Int) {
            self.concat = concat
            self.channelOffset = channelOffset
        }
    }

    /// By producer output value.
    private var slices: [String: Slice] = [:]

    /// The slices of `graph`'s Concats.
    public init(graph: QuantizedGraph) {
        let values = GraphValues(graph)
        for layer in graph.layers {
            guard case .concat(let axis, let rescales, let shift, let outputZeroPoint, let clamp) = layer.op, axis == 1,
                  layer.dims.first == 1 else { continue }
            var offset = 0
            for (value, rescale) in zip(layer.inputs, rescales) {
                defer { offset += values.channels(of: value) }
                guard Self.isIdentity(rescale, shift: shift, outputZeroPoint: outputZeroPoint, clamp: clamp, mode: graph.arithmetic),
                      let producer = values.producers[value], Self.writesItsOwnOutput(producer.op),
                      values.readers[value] == 1, !values.outputs.contains(value) else { continue }
                slices[value] = Slice(concat: layer.output, channelOffset: offset)
            }
        }
    }

    /// The slice `value` is written into, if it is written by address.
    public func slice(of value: String) -> Slice? { slices[value] }

    /// Whether `value` is written into a Concat's output by address.
    public func isSlice(_ value: String) -> Bool { slices[value] != nil }

    /// `(q − zp) × 2^shift` rounded by `2^shift` at the output's own zero point, with a clamp that
    /// keeps every stored value: each value unchanged.
    static func isIdentity(_ rescale: QuantizedRescale, shift: Int, outputZeroPoint: Int32, clamp: ClosedRange<Int32>,
                           mode: ArithmeticMode) -> Bool {
        (0...62).contains(shift) && rescale.multiplier == Int64(1) << shift && rescale.zeroPoint == outputZeroPoint
            && clamp.lowerBound <= mode.storageRange.lowerBound && clamp.upperBound >= mode.storageRange.upperBound
    }

    /// Whether a layer of `op` writes its output with its own instructions (so its stores can aim
    /// at a slice).
    static func writesItsOwnOutput(_ op: QuantizedOp) -> Bool {
        switch op {
        case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .add, .lookupTable,
             .piecewiseLinearSigmoid, .clamp, .multiply:
            return true
        case .reshape, .concat, .pad, .sliceChannels, .channelShuffle:
            return false
        }
    }
}
