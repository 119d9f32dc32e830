import Testing
@testable import Runtime
import Accelerator

@Suite struct WeightBufferCopiesTests {
    func load(sram: Int, dram: Int, depth: Int, rows: Int = 1, columns: Int, planeStride: Int, rowStride: Int? = nil,
              padLeft: Int = 0) -> LoadInstruction {
        LoadInstruction(layer: 0, buffer: .weight, elementBytes: 1, dramAddress: dram, sramAddress: sram, depth: depth,
                        rows: rows, columns: columns, dramPlaneStride: planeStride, dramRowStride: rowStride ?? columns,
                        padLeft: padLeft)
    }

    /// Four planes of 6 bytes, 50 apart in DRAM, side by side in SRAM from 10.
    @Test func rowsOfOnePlaneEachFollowThePlaneStride() throws {
        var copies = WeightBufferCopies()
        copies.record(try #require(WeightBufferCopies.Copy(load(sram: 10, dram: 100, depth: 4, columns: 6, planeStride: 50))))
        #expect(copies.rows(at: 10, channels: 4, depth: 6) == .init(dramAddress: 100, rowStride: 50))
        #expect(copies.rows(at: 16, channels: 2, depth: 6) == .init(dramAddress: 150, rowStride: 50))
        #expect(copies.rows(at: 12, channels: 1, depth: 3) == .init(dramAddress: 102, rowStride: 3))
        #expect(copies.rows(at: 13, channels: 1, depth: 6) == nil, "a row across two planes")
        #expect(copies.rows(at: 10, channels: 2, depth: 12) == nil, "rows of two planes each")
        #expect(copies.rows(at: 10, channels: 5, depth: 6) == nil, "past the copy")
        #expect(copies.rows(at: 9, channels: 1, depth: 6) == nil, "before the copy")
    }

    /// Planes that follow one another in DRAM are one run: any block inside it has evenly spaced rows.
    @Test func contiguousPlanesAreOneRun() throws {
        var copies = WeightBufferCopies()
        copies.record(try #require(WeightBufferCopies.Copy(load(sram: 0, dram: 40, depth: 3, rows: 2, columns: 4, planeStride: 8))))
        #expect(copies.rows(at: 5, channels: 2, depth: 7) == .init(dramAddress: 45, rowStride: 7))
        #expect(copies.rows(at: 5, channels: 3, depth: 7) == nil)
    }

    @Test func paddedOrStridedRowsAreNotCopies() {
        #expect(WeightBufferCopies.Copy(load(sram: 0, dram: 0, depth: 1, columns: 4, planeStride: 4, padLeft: 1)) == nil)
        #expect(WeightBufferCopies.Copy(load(sram: 0, dram: 0, depth: 1, rows: 2, columns: 4, planeStride: 20, rowStride: 10)) == nil)
        #expect(WeightBufferCopies.Copy(load(sram: 0, dram: 0, depth: 1, rows: 0, columns: 4, planeStride: 4)) == nil)
    }

    /// A write sharing one byte with a copy forgets it; one beside it does not.
    @Test func anOverwriteForgetsTheCopiesItTouches() throws {
        var copies = WeightBufferCopies()
        copies.record(try #require(WeightBufferCopies.Copy(load(sram: 0, dram: 0, depth: 1, columns: 8, planeStride: 8))))
        copies.record(try #require(WeightBufferCopies.Copy(load(sram: 8, dram: 100, depth: 1, columns: 8, planeStride: 8))))
        copies.overwrite(16..<20)
        #expect(copies.rows(at: 8, channels: 1, depth: 8) == .init(dramAddress: 100, rowStride: 8))
        copies.overwrite(7..<8)
        #expect(copies.rows(at: 0, channels: 1, depth: 4) == nil)
        #expect(copies.rows(at: 8, channels: 2, depth: 4) == .init(dramAddress: 100, rowStride: 4))
        copies.record(try #require(WeightBufferCopies.Copy(load(sram: 4, dram: 200, depth: 1, columns: 8, planeStride: 8))))
        #expect(copies.rows(at: 8, channels: 1, depth: 4) == .init(dramAddress: 204, rowStride: 4), "the newer copy")
        #expect(copies.rows(at: 12, channels: 1, depth: 4) == nil, "the older copy, partly overwritten, is gone")
    }
}
