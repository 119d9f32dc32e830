/// A stored tensor in DRAM: the program's input, one of its outputs, or a layer's output. Values are
/// `elementBytes` little-endian two's complement integers in row-major `[N, C, H, W]` order.
public struct DRAMTensor: Codable, Hashable, Sendable {
    /// The value's name in the quantized graph.
    public var name: String
    /// Byte address in DRAM.
    public var address: Int
    public var dims: [Int]
    public var elementBytes: Int

    public init(name: String, address: Int, dims: [Int], elementBytes: Int) {
        self.name = name
        self.address = address
        self.dims = dims
        self.elementBytes = elementBytes
    }

    /// Elements.
    public var count: Int { dims.reduce(1, *) }
    /// Bytes occupied.
    public var bytes: Int { count * elementBytes }
}
