/// The DRAM side of one strided DMA transfer, as the DMA walker sees it (docs/ISA.md, "Timing"):
/// `depth` planes `planeStride` bytes apart, each of `rows` rows `rowStride` bytes apart, each row
/// `rowBytes` bytes from `address` on. Rows that lie back to back in DRAM and on the SRAM side
/// (`rowsAdjacent`) are one row, and so are planes (`planesAdjacent`, only when the rows merge).
public struct DRAMRows: Hashable, Sendable {
    public var address: Int
    public var depth: Int
    public var rows: Int
    public var rowBytes: Int
    public var rowStride: Int
    public var planeStride: Int
    /// Whether consecutive rows are consecutive in SRAM too (a `LOAD` without left or right padding).
    public var rowsAdjacent: Bool
    /// Whether consecutive planes are consecutive in SRAM too (a `LOAD` without top or bottom padding).
    public var planesAdjacent: Bool

    public init(address: Int, depth: Int, rows: Int, rowBytes: Int, rowStride: Int, planeStride: Int,
                rowsAdjacent: Bool, planesAdjacent: Bool) {
        self.address = address
        self.depth = depth
        self.rows = rows
        self.rowBytes = rowBytes
        self.rowStride = rowStride
        self.planeStride = planeStride
        self.rowsAdjacent = rowsAdjacent
        self.planesAdjacent = planesAdjacent
    }

    /// Bytes moved.
    public var bytes: Int { depth * rows * rowBytes }

    /// Whether the rows of a plane are walked as one: adjacent on both sides.
    var mergesRows: Bool { rowsAdjacent && (rows == 1 || rowStride == rowBytes) }

    /// Whether the planes are walked as one: merged rows, and planes adjacent on both sides.
    var mergesPlanes: Bool { mergesRows && planesAdjacent && (depth == 1 || planeStride == rows * rowBytes) }

    /// The bus words of `busBytes` bytes the transfer touches: for each walked row, the words from
    /// the one holding its first byte to the one holding its last. Nothing moved touches none.
    public func busWords(busBytes: Int) -> Int {
        guard bytes > 0 else { return 0 }
        let walkedRows = mergesRows ? 1 : rows
        let walkedDepth = mergesPlanes ? 1 : depth
        let walkedRowBytes = rowBytes * (mergesRows ? rows : 1) * (mergesPlanes ? depth : 1)
        let wordsOfRow = { (offset: Int) in (offset + walkedRowBytes - 1) / busBytes + 1 }
        return Self.periodicSum(count: walkedDepth, start: address, step: planeStride, modulus: busBytes) { plane in
            Self.periodicSum(count: walkedRows, start: plane, step: rowStride, modulus: busBytes, term: wordsOfRow)
        }
    }

    /// `Σ term((start + i·step) mod modulus)` for `i` in `0..<count`, summed over one period of the
    /// residues (`modulus / gcd(step, modulus)` terms) and its repetitions.
    static func periodicSum(count: Int, start: Int, step: Int, modulus: Int, term: (Int) -> Int) -> Int {
        let step = step % modulus
        let period = modulus / greatestCommonDivisor(step, modulus)
        let residue = { (i: Int) in (start % modulus + i * step) % modulus }
        let full = (0..<min(period, count)).reduce(0) { $0 + term(residue($1)) }
        let partial = (0..<(count % period)).reduce(0) { $0 + term(residue($1)) }
        return count < period ? full : count / period * full + partial
    }

    private static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        b == 0 ? a : greatestCommonDivisor(b, a % b)
    }
}
