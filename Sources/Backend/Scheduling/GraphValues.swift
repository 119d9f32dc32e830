import Quantization

/// Who writes and reads each value of a quantized graph, and its shape: what the by-address
/// analyses (`ChannelSlices`, `ChannelShuffles`) ask of the graph.
struct GraphValues {
    /// Readers per value, counting a layer that reads a value twice twice.
    let readers: [String: Int]
    /// The values the graph outputs.
    let outputs: Set<String>
    /// The layer that writes each value.
    let producers: [String: QuantizedLayer]
    /// The shape of the graph input and of every layer output.
    let dims: [String: [Int]]

    init(_ graph: QuantizedGraph) {
        var readers: [String: Int] = [:]
        for layer in graph.layers { for input in layer.inputs { readers[input, default: 0] += 1 } }
        self.readers = readers
        outputs = Set(graph.outputs.map(\.value))
        producers = Dictionary(graph.layers.map { ($0.output, $0) }) { first, _ in first }
        var dims: [String: [Int]] = [graph.input.name: graph.input.dims]
        for layer in graph.layers { dims[layer.output] = layer.dims }
        self.dims = dims
    }

    /// The channels (axis 1) of `value`; 1 for a rank-1 value, 0 for an unknown one.
    func channels(of value: String) -> Int {
        dims[value].map { $0.count > 1 ? $0[1] : 1 } ?? 0
    }
}
