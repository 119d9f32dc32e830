import IR
import Quantization

/// Which values are stored in DRAM already channel-shuffled, so that a ChannelShuffle layer
/// (ShuffleNet's Reshape–Transpose–Reshape) copies nothing: it reads its input's bytes as its
/// output. A shuffle of `g` groups by address needs its input to be a channel Concat of `g` inputs
/// of `K` channels each, read by the shuffle alone and not a graph output: input `i`'s channel `j`
/// is the shuffle's output channel `j·g + i`, so every writer of the Concat's channels (a producer
/// writing its slice by address, or the Concat's copy of an input) stores one input's channels as
/// a strided store, planes `g` apart. Derived from the graph alone, as `ChannelSlices`.
public struct ChannelShuffles: Hashable, Sendable {
    /// How a value's channels lie in DRAM: channel `c` is plane `(c % blockChannels)·groups + c /
    /// blockChannels` from the value's address.
    public struct Layout: Hashable, Sendable {
        public var groups: Int
        public var blockChannels: Int

        /// The plane channel `channel` is stored in.
        public func plane(ofChannel channel: Int) -> Int {
            (channel % blockChannels) * groups + channel / blockChannels
        }
    }

    /// By Concat output value: its shuffle's layout.
    private var concats: [String: Layout] = [:]

    /// The shuffled Concats of `graph`.
    public init(graph: QuantizedGraph) {
        let values = GraphValues(graph)
        for layer in graph.layers {
            guard case .channelShuffle(let groups) = layer.op, let value = layer.inputs.first, let concat = values.producers[value],
                  case .concat(let axis, _, _, _, _) = concat.op, axis == 1, concat.inputs.count == groups, groups > 1,
                  values.readers[value] == 1, !values.outputs.contains(value), concat.dims.count >= 2, concat.dims.first == 1 else { continue }
            let blocks = concat.inputs.map(values.channels(of:))
            guard let block = blocks.first, block > 0, blocks.allSatisfy({ $0 == block }) else { continue }
            concats[value] = Layout(groups: groups, blockChannels: block)
        }
    }

    /// The layout of the Concat output `value` when a shuffle reads it by address.
    public func layout(ofConcat value: String) -> Layout? { concats[value] }
}
