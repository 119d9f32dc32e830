import Foundation
import IR

/// The input transform: `V = Bᵀ·d·B` per 4×4 input tile, four tiles of a tile row per SIMD group.
extension WinogradConvKernel {
    /// Width of the zero-padded copy of four input rows that one tile row reads, with room for
    /// the SIMD loads of a final partial group.
    private var paddedWidth: Int { 2 * tileColumns + 2 + 2 * Lanes.scalarCount + 2 }

    /// `V = Bᵀ·d·B` for every tile of `block` and every input channel, stored as
    /// `transformed[position][channel][tile]`.
    func transformInput(_ input: UnsafePointer<Float>, block: Block, into transformed: UnsafeMutablePointer<Float>) {
        let segments = segments(of: block)
        let rowsLength = 4 * paddedWidth
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: rowsLength * ProcessInfo.processInfo.activeProcessorCount)
        scratch.initialize(repeating: 0, count: rowsLength * ProcessInfo.processInfo.activeProcessorCount)
        defer { scratch.deallocate() }
        let addresses = (UInt(bitPattern: input), UInt(bitPattern: transformed), UInt(bitPattern: scratch))
        Self.forEachChannel(inputChannels) { channel, worker in
            guard let input = UnsafePointer<Float>(bitPattern: addresses.0),
                  let transformed = UnsafeMutablePointer<Float>(bitPattern: addresses.1),
                  let scratch = UnsafeMutablePointer<Float>(bitPattern: addresses.2) else { return }
            let rows = scratch + worker * rowsLength
            for segment in segments {
                let plane = input + (segment.image * inputChannels + channel) * height.inputSize * width.inputSize
                copyPaddedRows(plane, tileRow: segment.tileRow, into: rows)
                let destination = transformed + channel * block.rowStride + segment.offset
                for column in stride(from: segment.columns.lowerBound, to: segment.columns.upperBound,
                                     by: Lanes.scalarCount) {
                    transformTiles(rows + 2 * column,
                                   into: destination + column - segment.columns.lowerBound,
                                   positionStride: inputChannels * block.rowStride)
                }
            }
        }
    }

    /// Copies the four input rows under tile row `tileRow` into `rows` (`4 × paddedWidth`), with
    /// zeros where they lie in the padding; column `2·t` of a row is the first column of tile `t`.
    private func copyPaddedRows(_ plane: UnsafePointer<Float>, tileRow: Int, into rows: UnsafeMutablePointer<Float>) {
        let left = width.padBegin
        let copied = min(width.inputSize, paddedWidth - left)
        for row in 0..<4 {
            let line = rows + row * paddedWidth
            let inputRow = 2 * tileRow - height.padBegin + row
            guard inputRow >= 0, inputRow < height.inputSize else {
                line.update(repeating: 0, count: paddedWidth)
                continue
            }
            line.update(repeating: 0, count: left)
            (line + left).update(from: plane + inputRow * width.inputSize, count: copied)
            (line + left + copied).update(repeating: 0, count: paddedWidth - left - copied)
        }
    }

    /// Transforms the 4 tiles starting at `rows` (each 2 columns to the right of the previous) and
    /// stores position `p` of tile `k` at `destination[p * positionStride + k]`.
    @inline(__always)
    private func transformTiles(_ rows: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>,
                                positionStride: Int) {
        // Row r of d·B, one lane per tile; rows are formed as they are needed to keep few live.
        func row(_ r: Int) -> (Lanes, Lanes, Lanes, Lanes) {
            let line = UnsafeRawPointer(rows + r * paddedWidth)
            let near = line.loadUnaligned(as: SIMD8<Float>.self)
            let far = line.loadUnaligned(fromByteOffset: 2 * MemoryLayout<Float>.size, as: SIMD8<Float>.self)
            return Self.inputRows(near.evenHalf, near.oddHalf, far.evenHalf, far.oddHalf)
        }
        func store(_ values: (Lanes, Lanes, Lanes, Lanes), row: Int) {
            let base = UnsafeMutableRawPointer(destination + 4 * row * positionStride)
            let step = positionStride * MemoryLayout<Float>.size
            base.storeBytes(of: values.0, as: Lanes.self)
            base.storeBytes(of: values.1, toByteOffset: step, as: Lanes.self)
            base.storeBytes(of: values.2, toByteOffset: 2 * step, as: Lanes.self)
            base.storeBytes(of: values.3, toByteOffset: 3 * step, as: Lanes.self)
        }
        // Bᵀ·(d·B): V row 0 = w0 - w2, row 1 = w1 + w2, row 2 = w2 - w1, row 3 = w1 - w3.
        let (w1, w2) = (row(1), row(2))
        store((w1.0 + w2.0, w1.1 + w2.1, w1.2 + w2.2, w1.3 + w2.3), row: 1)
        store((w2.0 - w1.0, w2.1 - w1.1, w2.2 - w1.2, w2.3 - w1.3), row: 2)
        let w0 = row(0)
        store((w0.0 - w2.0, w0.1 - w2.1, w0.2 - w2.2, w0.3 - w2.3), row: 0)
        let w3 = row(3)
        store((w1.0 - w3.0, w1.1 - w3.1, w1.2 - w3.2, w1.3 - w3.3), row: 3)
    }

    /// `Bᵀ·x` for four values `x` (a column, or a row for `x·B`), with `Bᵀ = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]`.
    @inline(__always)
    private static func inputRows(_ x0: Lanes, _ x1: Lanes, _ x2: Lanes, _ x3: Lanes) -> (Lanes, Lanes, Lanes, Lanes) {
        (x0 - x2, x1 + x2, x2 - x1, x1 - x3)
    }
}
