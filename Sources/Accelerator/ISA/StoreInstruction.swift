/// `STORE` (store unit): a 3-D strided DMA from the output buffer to DRAM.
///
/// ```
/// for d in 0..<depth, y in 0..<rows, x in 0..<columns:
///     DRAM[dramAddress + d·dramPlaneStride + y·dramRowStride + x·elementBytes] =
///         SRAM[output][sramAddress + ((d·rows + y)·columns + x)·elementBytes]
/// ```
public struct StoreInstruction: Hashable, Sendable, Codable {
    /// 4 bits.
    public var dependencies: DependencyFlags
    /// 16 bits.
    public var layer: Int
    /// 2 bits as log2: 1, 2, 4 or 8 bytes per element.
    public var elementBytes: Int
    /// 24 bits, bytes in the output buffer.
    public var sramAddress: Int
    /// 40 bits, bytes.
    public var dramAddress: Int
    /// 16 bits each: planes, rows per plane, elements per row.
    public var depth: Int
    public var rows: Int
    public var columns: Int
    /// 40 bits, bytes between planes in DRAM.
    public var dramPlaneStride: Int
    /// 32 bits, bytes between rows in DRAM.
    public var dramRowStride: Int

    public init(dependencies: DependencyFlags = .none, layer: Int, elementBytes: Int, sramAddress: Int, dramAddress: Int,
                depth: Int, rows: Int, columns: Int, dramPlaneStride: Int, dramRowStride: Int) {
        self.dependencies = dependencies
        self.layer = layer
        self.elementBytes = elementBytes
        self.sramAddress = sramAddress
        self.dramAddress = dramAddress
        self.depth = depth
        self.rows = rows
        self.columns = columns
        self.dramPlaneStride = dramPlaneStride
        self.dramRowStride = dramRowStride
    }

    /// Bytes moved.
    public var bytes: Int { depth * rows * columns * elementBytes }
}
