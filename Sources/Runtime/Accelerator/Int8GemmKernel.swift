import Backend
import Dispatch
import Foundation

/// The `GEMM` hot loop for one-byte operands and four-byte accumulators. It lowers the input
/// patches once into a contiguous `[pixel][c][ky][kx]` block, reads each weight row in place (the
/// weight buffer already holds `[m][c][ky][kx]`), and takes every output as a dot product in
/// wrapping int32 arithmetic, which is the instruction's modulo-2^32 accumulation. Large tiles split
/// their output channels across the cores. The unsafe pointers stay inside this type.
struct Int8GemmKernel {
    let gemm: GemmInstruction

    /// Below this many MACs a tile runs on one thread.
    private static let parallelMACs = 1 << 20
    /// Pixels whose patches are swept together against one weight row (about 64 KiB of patches).
    private static let blockBytes = 1 << 16

    /// The sums of the instruction's products, `[m][y][x]`; the input and weight footprints must
    /// have been checked.
    func sums(input: DeviceMemory, weights: DeviceMemory) -> [Int32] {
        let rowLength = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
        let pixels = gemm.outputRows * gemm.outputColumns
        let channels = gemm.outputChannels
        let patches = lower(input, rowLength: rowLength)
        var sums = [Int32](repeating: 0, count: channels * pixels)
        let workers = gemm.macs >= Self.parallelMACs ? min(ProcessInfo.processInfo.activeProcessorCount, channels) : 1
        let pixelsPerBlock = max(1, min(pixels, Self.blockBytes / rowLength))
        weights.withUnsafeBytes { weightBytes in
            patches.withUnsafeBufferPointer { patches in
                sums.withUnsafeMutableBufferPointer { sums in
                    let operands = Operands(
                        weights: (weightBytes.baseAddress! + gemm.weightAddress).assumingMemoryBound(to: Int8.self),
                        patches: patches.baseAddress!, sums: sums.baseAddress!)
                    DispatchQueue.concurrentPerform(iterations: workers) { worker in
                        let channelRange = (worker * channels / workers)..<((worker + 1) * channels / workers)
                        for firstPixel in stride(from: 0, to: pixels, by: pixelsPerBlock) {
                            let pixelRange = firstPixel..<min(pixels, firstPixel + pixelsPerBlock)
                            operands.multiply(channels: channelRange, pixels: pixelRange, pixelCount: pixels, rowLength: rowLength)
                        }
                    }
                }
            }
        }
        return sums
    }

    /// The patch of every output pixel as one row of `rowLength` values ordered (c, ky, kx).
    private func lower(_ input: DeviceMemory, rowLength: Int) -> [Int8] {
        let g = gemm
        let count = g.outputRows * g.outputColumns * rowLength
        return input.withUnsafeBytes { bytes in
            let base = (bytes.baseAddress! + g.inputAddress).assumingMemoryBound(to: Int8.self)
            return [Int8](unsafeUninitializedCapacity: count) { patches, initialized in
                var index = 0
                for y in 0..<g.outputRows {
                    for x in 0..<g.outputColumns {
                        for channel in 0..<g.inputChannels {
                            for ky in 0..<g.kernelHeight {
                                let row = base + channel * g.inputPlanePitch
                                    + (y * g.strideHeight + ky * g.dilationHeight) * g.inputRowPitch + x * g.strideWidth
                                for kx in 0..<g.kernelWidth {
                                    patches[index] = row[kx * g.dilationWidth]
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
        let weights: UnsafePointer<Int8>
        let patches: UnsafePointer<Int8>
        let sums: UnsafeMutablePointer<Int32>

        /// The sums of `channels` × `pixels`.
        func multiply(channels: Range<Int>, pixels: Range<Int>, pixelCount: Int, rowLength: Int) {
            for channel in channels {
                let row = weights + channel * rowLength
                for pixel in pixels {
                    sums[channel * pixelCount + pixel] = Int8GemmKernel.dot(row, patches + pixel * rowLength, rowLength)
                }
            }
        }
    }

    /// `Σ a[k] × b[k]` in wrapping int32 arithmetic.
    @inline(__always)
    fileprivate static func dot(_ a: UnsafePointer<Int8>, _ b: UnsafePointer<Int8>, _ count: Int) -> Int32 {
        var sum: Int32 = 0
        for k in 0..<count { sum &+= Int32(a[k]) &* Int32(b[k]) }
        return sum
    }
}
