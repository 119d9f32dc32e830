import Backend
import Dispatch
import Foundation

/// The `GEMM` hot loop for one-byte operands and four-byte accumulators. It widens the weight rows
/// (`[m][c][ky][kx]` in the weight buffer) and the lowered input patches (`[pixel][c][ky][kx]`) to
/// contiguous Int16 once per instruction, then takes every output as a dot product in wrapping int32
/// arithmetic, which is the instruction's modulo-2^32 accumulation. Four weight rows share each pass
/// over a patch (the compiler turns this into `pmaddwd`); large tiles split their output channels
/// across the cores. The unsafe pointers stay inside this type.
struct Int8GemmKernel {
    let gemm: GemmInstruction

    /// Below this many MACs a tile runs on one thread.
    private static let parallelMACs = 1 << 20
    /// Pixels whose patches are swept together against a block of weight rows (about 128 KiB).
    private static let blockBytes = 1 << 17
    /// Weight rows per pass over a patch.
    fileprivate static let rowsPerPass = 4

    /// The sums of the instruction's products, `[m][y][x]`; the input and weight footprints must
    /// have been checked.
    func sums(input: DeviceMemory, weights: DeviceMemory) -> [Int32] {
        let rowLength = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
        let pixels = gemm.outputRows * gemm.outputColumns
        let channels = gemm.outputChannels
        let patches = lower(input, rowLength: rowLength)
        let weightRows = weights.withUnsafeBytes { bytes in
            let base = (bytes.baseAddress! + gemm.weightAddress).assumingMemoryBound(to: Int8.self)
            return (0..<(channels * rowLength)).map { Int16(base[$0]) }
        }
        var sums = [Int32](repeating: 0, count: channels * pixels)
        let groups = (channels + Self.rowsPerPass - 1) / Self.rowsPerPass
        let workers = gemm.macs >= Self.parallelMACs ? min(ProcessInfo.processInfo.activeProcessorCount, groups) : 1
        let pixelsPerBlock = max(1, min(pixels, Self.blockBytes / (2 * rowLength)))
        weightRows.withUnsafeBufferPointer { weightRows in
            patches.withUnsafeBufferPointer { patches in
                sums.withUnsafeMutableBufferPointer { sums in
                    let operands = Operands(weights: weightRows.baseAddress!, patches: patches.baseAddress!,
                                            sums: sums.baseAddress!, rowLength: rowLength, pixels: pixels)
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        let firstChannel = worker * groups / workers * Self.rowsPerPass
                        let endChannel = min(channels, (worker + 1) * groups / workers * Self.rowsPerPass)
                        for firstPixel in stride(from: 0, to: pixels, by: pixelsPerBlock) {
                            operands.multiply(channels: firstChannel..<endChannel,
                                              pixels: firstPixel..<min(pixels, firstPixel + pixelsPerBlock))
                        }
                    }
                }
            }
        }
        return sums
    }

    /// The patch of every output pixel as one row of `rowLength` values ordered (c, ky, kx).
    private func lower(_ input: DeviceMemory, rowLength: Int) -> [Int16] {
        let g = gemm
        let count = g.outputRows * g.outputColumns * rowLength
        return input.withUnsafeBytes { bytes in
            let base = (bytes.baseAddress! + g.inputAddress).assumingMemoryBound(to: Int8.self)
            return [Int16](unsafeUninitializedCapacity: count) { patches, initialized in
                var index = 0
                for y in 0..<g.outputRows {
                    for x in 0..<g.outputColumns {
                        for channel in 0..<g.inputChannels {
                            for ky in 0..<g.kernelHeight {
                                let row = base + channel * g.inputPlanePitch
                                    + (y * g.strideHeight + ky * g.dilationHeight) * g.inputRowPitch + x * g.strideWidth
                                for kx in 0..<g.kernelWidth {
                                    patches[index] = Int16(row[kx * g.dilationWidth])
                                    index += 1
                                }
                            }
                        }
                    }
                }
                initialized = count
            }
        }
    }

    /// The kernel's buffers as the worker threads see them: each worker writes the sums of its own
    /// output channels only, and nothing writes the operands while they run.
    private struct Operands: @unchecked Sendable {
        let weights: UnsafePointer<Int16>
        let patches: UnsafePointer<Int16>
        let sums: UnsafeMutablePointer<Int32>
        let rowLength: Int
        let pixels: Int

        /// The sums of `channels` × `pixels`, four weight rows per pass while four remain.
        func multiply(channels: Range<Int>, pixels range: Range<Int>) {
            var channel = channels.lowerBound
            while channel + Int8GemmKernel.rowsPerPass <= channels.upperBound {
                let row = weights + channel * rowLength
                for pixel in range {
                    let (s0, s1, s2, s3) = Self.dot4(row, rowLength, patches + pixel * rowLength)
                    let out = sums + channel * pixels + pixel
                    (out[0], out[pixels], out[2 * pixels], out[3 * pixels]) = (s0, s1, s2, s3)
                }
                channel += Int8GemmKernel.rowsPerPass
            }
            for remaining in channel..<channels.upperBound {
                let row = weights + remaining * rowLength
                for pixel in range { sums[remaining * pixels + pixel] = Self.dot(row, patches + pixel * rowLength, rowLength) }
            }
        }

        /// `Σ a[k] × b[k]` in wrapping int32 arithmetic.
        @inline(__always)
        private static func dot(_ a: UnsafePointer<Int16>, _ b: UnsafePointer<Int16>, _ count: Int) -> Int32 {
            var sum: Int32 = 0
            for k in 0..<count { sum &+= Int32(a[k]) &* Int32(b[k]) }
            return sum
        }

        /// The dot products of the four consecutive rows of `count` values at `rows` with `b`.
        @inline(__always)
        private static func dot4(_ rows: UnsafePointer<Int16>, _ count: Int,
                                 _ b: UnsafePointer<Int16>) -> (Int32, Int32, Int32, Int32) {
            let (r0, r1, r2, r3) = (rows, rows + count, rows + 2 * count, rows + 3 * count)
            var (s0, s1, s2, s3): (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
            for k in 0..<count {
                let x = Int32(b[k])
                s0 &+= Int32(r0[k]) &* x
                s1 &+= Int32(r1[k]) &* x
                s2 &+= Int32(r2[k]) &* x
                s3 &+= Int32(r3[k]) &* x
            }
            return (s0, s1, s2, s3)
        }
    }
}
