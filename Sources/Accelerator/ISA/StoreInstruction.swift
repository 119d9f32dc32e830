/// `STORE` (store unit): a 3-D strided DMA from the output buffer to DRAM.
///
/// ```
/// for d in 0..<depth, y in 0..<rows, x in 0..<columns:
///     DRAM[dramAddress + d·dramPlaneStride + y·dramRowStride + x·elementBytes] =
///         SRAM[output][sramAddress + ((d·rows + y)·columns + x)·elementBytes]
/// ```
public struct StoreInstruction: Hashable, Sendable, Codable, FieldEncodedInstruction {
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

    /// STORE's fields: what the encoder, the decoder, the disassembler and docs/ISA.md show.
    public static let fieldTable = FieldTable<StoreInstruction>(
        .store,
        blank: StoreInstruction(
            layer: 0, elementBytes: 1, sramAddress: 0, dramAddress: 0, depth: 0, rows: 0, columns: 0, dramPlaneStride: 0,
            dramRowStride: 0),
        operands: [
            .field("elementBytes", \.elementBytes, 2, .log2(allowed: [1, 2, 4, 8]), "bytes per element"),
            .field("sramAddress", \.sramAddress, 24, .address(.buffer(.output)), "byte address of the box's first element"),
            .field("dramAddress", \.dramAddress, 40, .address(.dram), "DRAM byte address of the first element written"),
            .field("depth", \.depth, 16, .unsigned, "planes"),
            .field("rows", \.rows, 16, .unsigned, "rows per plane"),
            .field("columns", \.columns, 16, .unsigned, "elements per row"),
            .field("dramPlaneStride", \.dramPlaneStride, 40, .unsigned, "bytes between planes in DRAM"),
            .field("dramRowStride", \.dramRowStride, 32, .unsigned, "bytes between rows in DRAM"),
        ])

    public var instruction: Instruction { .store(self) }

    /// Bytes moved.
    public var bytes: Int { depth * rows * columns * elementBytes }
    /// The rows written to DRAM; the box is dense in SRAM, so they merge where DRAM is dense too.
    public var dramRows: DRAMRows {
        DRAMRows(address: dramAddress, depth: depth, rows: rows, rowBytes: columns * elementBytes, rowStride: dramRowStride,
                 planeStride: dramPlaneStride, rowsAdjacent: true, planesAdjacent: true)
    }
}
