import IR
import Quantization

/// The `QGRF` section holds the quantized graph without its weights: they are already in the
/// `DRAM` image, laid out as `[M][C][kh][kw]` (int8, or little-endian int32 in `de1soc-q10`), and
/// the per-layer table says where. This halves a VGG16 `.bin`.
extension QuantizedGraph {
    /// The graph with every convolution and fully-connected weight replaced by an empty tensor of
    /// the same element type.
    package func strippingWeights() -> QuantizedGraph {
        var graph = self
        graph.layers = layers.map { layer in
            guard var conv = layer.op.quantizedConv else { return layer }
            conv.weight = Tensor(shape: Shape([0]), data: conv.weight.data.elementType == .int32 ? .int32([]) : .int8([]))
            var layer = layer
            layer.op = layer.op.replacingConv(conv)
            return layer
        }
        return graph
    }

    /// The graph with the weights of each convolution and fully-connected layer read back from
    /// `constants` at the address and shape the per-layer table records. Throws
    /// `AcceleratorError.malformedSection` naming the layer when the table has no entry for it or the
    /// bytes fall outside the image.
    package func restoringWeights(from table: [ProgramLayer], constants: [UInt8], path: String) throws -> QuantizedGraph {
        let rows = Dictionary(table.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var graph = self
        graph.layers = try layers.map { layer in
            guard var conv = layer.op.quantizedConv else { return layer }
            let width = conv.weight.data.elementType == .int32 ? 4 : 1
            guard let row = rows[layer.name], let address = row.weightAddress, let shape = row.weightShape,
                  let count = Shape(shape).checkedElementCount, address >= 0, address <= constants.count,
                  count <= (constants.count - address) / width else {
                throw AcceleratorError.malformedSection(path: path, section: BinSection.Tag.quantizedGraph.rawValue,
                                                    reason: "the weights of layer '\(layer.name)' are not in the DRAM image")
            }
            let bytes = constants[address..<(address + count * width)]
            let data: TensorData = width == 1
                ? .int8(bytes.map { Int8(bitPattern: $0) })
                : .int32((0..<count).map { index in
                    let base = address + 4 * index
                    return Int32(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(constants[base + $1]) << (8 * $1) })
                })
            conv.weight = Tensor(shape: Shape(shape), data: data)
            var layer = layer
            layer.op = layer.op.replacingConv(conv)
            return layer
        }
        return graph
    }
}
