import Testing
@testable import Accelerator

/// The bus words a DMA transfer touches, against hand counts and a walk of every row.
@Suite struct DRAMRowsTests {
    static func rows(address: Int = 0, depth: Int = 1, rows: Int, rowBytes: Int, rowStride: Int, planeStride: Int = 0,
                     adjacent: Bool = true) -> DRAMRows {
        DRAMRows(address: address, depth: depth, rows: rows, rowBytes: rowBytes, rowStride: rowStride, planeStride: planeStride,
                 rowsAdjacent: adjacent, planesAdjacent: adjacent)
    }

    /// Every walked row's words, one row at a time, merging as the walker does.
    static func naiveWords(_ transfer: DRAMRows, busBytes: Int) -> Int {
        guard transfer.bytes > 0 else { return 0 }
        let mergesRows = transfer.rowsAdjacent && (transfer.rows == 1 || transfer.rowStride == transfer.rowBytes)
        let mergesPlanes = mergesRows && transfer.planesAdjacent
            && (transfer.depth == 1 || transfer.planeStride == transfer.rows * transfer.rowBytes)
        let length = transfer.rowBytes * (mergesRows ? transfer.rows : 1) * (mergesPlanes ? transfer.depth : 1)
        var words = 0
        for plane in 0..<(mergesPlanes ? 1 : transfer.depth) {
            for row in 0..<(mergesRows ? 1 : transfer.rows) {
                let first = transfer.address + plane * transfer.planeStride + row * transfer.rowStride
                words += (first + length - 1) / busBytes - first / busBytes + 1
            }
        }
        return words
    }

    @Test func contiguousBytesTouchTheirWords() {
        #expect(Self.rows(rows: 1, rowBytes: 1000, rowStride: 1000).busWords(busBytes: 8) == 125)
        // Bytes 3…1002: words 0…125.
        #expect(Self.rows(address: 3, rows: 1, rowBytes: 1000, rowStride: 1000).busWords(busBytes: 8) == 126)
    }

    @Test func narrowRowsTakeAWordEach() {
        // The residual network's STORE on vta: 256 rows of 2 bytes, 16 bytes apart.
        #expect(Self.rows(rows: 256, rowBytes: 2, rowStride: 16).busWords(busBytes: 8) == 256)
        // 3-byte rows 5 bytes apart from 0: rows at 0, 5, 10, 15, 20, 25, 30, 35 touch 1, 1, 1, 2, 1, 1, 2, 1 words.
        #expect(Self.rows(rows: 8, rowBytes: 3, rowStride: 5).busWords(busBytes: 8) == 10)
    }

    @Test func adjacentRowsAndPlanesMerge() {
        // 4 rows of 8 bytes back to back from byte 4: one 32-byte row, words 0…4.
        #expect(Self.rows(address: 4, rows: 4, rowBytes: 8, rowStride: 8).busWords(busBytes: 8) == 5)
        // The same rows into a padded box (not adjacent in SRAM): two words each.
        #expect(Self.rows(address: 4, rows: 4, rowBytes: 8, rowStride: 8, adjacent: false).busWords(busBytes: 8) == 8)
        // 3 planes of 2 rows of 4 bytes, planes back to back: 24 bytes, 3 words.
        #expect(Self.rows(depth: 3, rows: 2, rowBytes: 4, rowStride: 4, planeStride: 8).busWords(busBytes: 8) == 3)
        // Planes 12 bytes apart: 8-byte planes at 0, 12, 24 touch 1, 2, 1 words.
        #expect(Self.rows(depth: 3, rows: 2, rowBytes: 4, rowStride: 4, planeStride: 12).busWords(busBytes: 8) == 4)
    }

    @Test func nothingMovedTouchesNoWord() {
        #expect(Self.rows(rows: 0, rowBytes: 8, rowStride: 8).busWords(busBytes: 8) == 0)
        #expect(Self.rows(depth: 0, rows: 4, rowBytes: 8, rowStride: 8).busWords(busBytes: 8) == 0)
    }

    @Test func periodicSumEqualsTheWalkOfEveryRow() {
        var checked = 0
        for busBytes in [8, 16] {
            for address in [0, 3, 13] {
                for (rowBytes, rowStride) in [(1, 0), (2, 16), (3, 5), (6, 6), (7, 12), (18, 18), (9, 40)] {
                    for (depth, planeStride) in [(1, 0), (5, 7), (3, 21 * rowStride), (4, 100_003)] {
                        for adjacent in [true, false] {
                            let transfer = Self.rows(address: address, depth: depth, rows: 21, rowBytes: rowBytes, rowStride: rowStride,
                                                     planeStride: planeStride, adjacent: adjacent)
                            #expect(transfer.busWords(busBytes: busBytes) == Self.naiveWords(transfer, busBytes: busBytes), "\(transfer)")
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 336)
    }
}
