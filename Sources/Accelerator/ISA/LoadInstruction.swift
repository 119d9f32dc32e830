/// `LOAD` (load unit): a 3-D strided DMA from DRAM into the input or weight buffer that inserts
/// padding on the fly.
///
/// ```
/// H = padTop + rows + padBottom; W = padLeft + columns + padRight
/// for d in 0..<depth, y in 0..<H, x in 0..<W:
///     inside = padTop <= y < padTop + rows and padLeft <= x < padLeft + columns
///     value = inside ? DRAM[dramAddress + d·dramPlaneStride + (y−padTop)·dramRowStride + (x−padLeft)·elementBytes]
///                    : padValue
///     SRAM[buffer][sramAddress + ((d·H + y)·W + x)·elementBytes] = value   (elementBytes bytes, little-endian)
/// ```
/// `rows = 0` or `columns = 0` reads nothing and fills the whole box with `padValue`.
public struct LoadInstruction: Hashable, Sendable, Codable, FieldEncodedInstruction {
    /// 4 bits.
    public var dependencies: DependencyFlags
    /// 16 bits: the layer (index into the program's layer table) this instruction belongs to.
    public var layer: Int
    /// 2 bits: `input` or `weight`.
    public var buffer: SRAMBuffer.Role
    /// 2 bits as log2: 1, 2, 4 or 8 bytes per element.
    public var elementBytes: Int
    /// 40 bits, bytes.
    public var dramAddress: Int
    /// 24 bits, bytes.
    public var sramAddress: Int
    /// 16 bits: planes (channels, or weight rows).
    public var depth: Int
    /// 16 bits: rows read per plane.
    public var rows: Int
    /// 16 bits: elements read per row.
    public var columns: Int
    /// 40 bits, bytes between planes in DRAM.
    public var dramPlaneStride: Int
    /// 32 bits, bytes between rows in DRAM.
    public var dramRowStride: Int
    /// 8 bits each, elements of padding around each plane.
    public var padTop: Int
    public var padBottom: Int
    public var padLeft: Int
    public var padRight: Int
    /// 32 bits, two's complement: the value written into padding.
    public var padValue: Int32

    public init(dependencies: DependencyFlags = .none, layer: Int, buffer: SRAMBuffer.Role, elementBytes: Int,
                dramAddress: Int, sramAddress: Int, depth: Int, rows: Int, columns: Int, dramPlaneStride: Int,
                dramRowStride: Int, padTop: Int = 0, padBottom: Int = 0, padLeft: Int = 0, padRight: Int = 0,
                padValue: Int32 = 0) {
        self.dependencies = dependencies
        self.layer = layer
        self.buffer = buffer
        self.elementBytes = elementBytes
        self.dramAddress = dramAddress
        self.sramAddress = sramAddress
        self.depth = depth
        self.rows = rows
        self.columns = columns
        self.dramPlaneStride = dramPlaneStride
        self.dramRowStride = dramRowStride
        self.padTop = padTop
        self.padBottom = padBottom
        self.padLeft = padLeft
        self.padRight = padRight
        self.padValue = padValue
    }

    /// LOAD's fields: what the encoder, the decoder, the disassembler and docs/ISA.md show.
    public static let fieldTable = FieldTable<LoadInstruction>(
        .load,
        blank: LoadInstruction(
            layer: 0, buffer: .input, elementBytes: 1, dramAddress: 0, sramAddress: 0, depth: 0, rows: 0, columns: 0,
            dramPlaneStride: 0, dramRowStride: 0),
        operands: [
            .field("buffer", \.buffer, 2, .cases([SRAMBuffer.Role.input, .weight]), "SRAM buffer written"),
            .field("elementBytes", \.elementBytes, 2, .log2(allowed: [1, 2, 4, 8]), "bytes per element"),
            .field("dramAddress", \.dramAddress, 40, .address(.dram), "DRAM byte address of the first element read"),
            .field("sramAddress", \.sramAddress, 24, .address(.bufferSelectedBy("buffer")),
                   "byte address in `buffer` of the box's first element"),
            .field("depth", \.depth, 16, .unsigned, "planes (channels, or weight rows)"),
            .field("rows", \.rows, 16, .unsigned, "rows read per plane"),
            .field("columns", \.columns, 16, .unsigned, "elements read per row"),
            .field("dramPlaneStride", \.dramPlaneStride, 40, .unsigned, "bytes between planes in DRAM"),
            .field("dramRowStride", \.dramRowStride, 32, .unsigned, "bytes between rows in DRAM"),
            .field("padTop", \.padTop, 8, .unsigned, "padding rows above each plane"),
            .field("padBottom", \.padBottom, 8, .unsigned, "padding rows below each plane"),
            .field("padLeft", \.padLeft, 8, .unsigned, "padding elements left of each row"),
            .field("padRight", \.padRight, 8, .unsigned, "padding elements right of each row"),
            .field("padValue", \.padValue, 32, .signed, "value written into the padding"),
        ])

    public var instruction: Instruction { .load(self) }

    /// Rows of the SRAM box, padding included.
    public var boxRows: Int { padTop + rows + padBottom }
    /// Columns of the SRAM box, padding included.
    public var boxColumns: Int { padLeft + columns + padRight }
    /// Bytes written to SRAM.
    public var sramBytes: Int { depth * boxRows * boxColumns * elementBytes }
    /// Bytes read from DRAM.
    public var dramBytes: Int { depth * rows * columns * elementBytes }
    /// The rows read from DRAM; they merge where the box has no padding between them.
    public var dramRows: DRAMRows {
        DRAMRows(address: dramAddress, depth: depth, rows: rows, rowBytes: columns * elementBytes, rowStride: dramRowStride,
                 planeStride: dramPlaneStride, rowsAdjacent: boxColumns == columns, planesAdjacent: boxRows == rows)
    }
}
