import CRuntimeKernels
import Dispatch
import Foundation
import Accelerator

/// The `GEMM` hot loop for one-byte operands and four-byte accumulators, in the C target
/// `CRuntimeKernels`: it packs the weight rows (`[m][c][ky][kx]` in the weight buffer) and the input
/// patches of the output pixels (ordered (c, ky, kx)) into panels, then multiplies every pair of
/// panels with the fastest `Path` the CPU has, in wrapping int32 arithmetic: the instruction's
/// modulo-2^32 accumulation, exact for any operand values. Large tiles split their panels across
/// the cores. The unsafe pointers stay inside this type.
struct Int8GemmKernel {
    /// A kernel implementation.
    enum Path: CaseIterable, Hashable, Sendable {
        /// Portable C, four int8 products per int32 lane.
        case scalar
        /// Sign-extended int16 pairs through `vpmaddwd`.
        case avx2
        /// `vpdpbusd` on patches offset by 128, the offset's products taken back off per channel.
        case avx512VNNI

        /// The fastest path this CPU runs.
        static let fastest = allCases.last { $0.isSupported }!

        /// Whether this CPU runs the path.
        var isSupported: Bool { vggc_gemm_path_supported(cValue) != 0 }

        fileprivate var cValue: vggc_gemm_path {
            switch self {
            case .scalar: VGGC_GEMM_SCALAR
            case .avx2: VGGC_GEMM_AVX2
            case .avx512VNNI: VGGC_GEMM_AVX512_VNNI
            }
        }
    }

    let gemm: GemmInstruction
    /// Must be supported by this CPU.
    var path = Path.fastest

    /// Below this many MACs a tile runs on one thread.
    private static let parallelMACs = 1 << 20

    /// The sums of the instruction's products, `[m][y][x]` (zeros when it has no products); the
    /// input and weight footprints must have been checked.
    func sums(input: DeviceMemory, weights: DeviceMemory) -> [Int32] {
        precondition(path.isSupported, "the \(path) GEMM kernel needs a CPU feature this one lacks")
        let depth = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
        let pixels = gemm.outputRows * gemm.outputColumns
        guard gemm.outputChannels > 0, pixels > 0, depth > 0 else {
            return [Int32](repeating: 0, count: gemm.outputChannels * pixels)
        }
        let layout = vggc_gemm_plan(path.cValue, gemm.outputChannels, pixels, depth)
        let geometry = vggc_gemm_geometry(
            input_channels: gemm.inputChannels, kernel_height: gemm.kernelHeight, kernel_width: gemm.kernelWidth,
            output_rows: gemm.outputRows, output_columns: gemm.outputColumns, stride_height: gemm.strideHeight,
            stride_width: gemm.strideWidth, dilation_height: gemm.dilationHeight, dilation_width: gemm.dilationWidth,
            plane_pitch: gemm.inputPlanePitch, row_pitch: gemm.inputRowPitch)
        var tapOffsets = [Int](repeating: 0, count: depth)
        withUnsafePointer(to: geometry) { vggc_gemm_tap_offsets($0, &tapOffsets) }
        var offsets = [Int32](repeating: 0, count: gemm.outputChannels)
        let packedWeights = PackedBuffer(byteCount: layout.channel_panels * layout.weight_panel_bytes)
        let packedPatches = PackedBuffer(byteCount: layout.pixel_panels * layout.patch_panel_bytes)
        defer { packedWeights.deallocate(); packedPatches.deallocate() }
        let workers = gemm.macs >= Self.parallelMACs ? ProcessInfo.processInfo.activeProcessorCount : 1
        weights.withUnsafeBytes { bytes in
            let rows = Operand(pointer: UnsafeMutableRawPointer(mutating: bytes.baseAddress! + gemm.weightAddress))
            offsets.withUnsafeMutableBufferPointer { offsets in
                let corrections = Operand(pointer: UnsafeMutableRawPointer(offsets.baseAddress!))
                Self.split(layout.channel_panels, across: workers) { panels in
                    var layout = layout
                    vggc_gemm_pack_weights(&layout, rows.pointer.assumingMemoryBound(to: Int8.self), packedWeights.pointer,
                                           corrections.pointer.assumingMemoryBound(to: Int32.self),
                                           panels.lowerBound, panels.upperBound)
                }
            }
        }
        input.withUnsafeBytes { bytes in
            let box = Operand(pointer: UnsafeMutableRawPointer(mutating: bytes.baseAddress! + gemm.inputAddress))
            tapOffsets.withUnsafeBufferPointer { tapOffsets in
                let taps = Operand(pointer: UnsafeMutableRawPointer(mutating: tapOffsets.baseAddress!))
                Self.split(layout.pixel_panels, across: workers) { panels in
                    var (layout, geometry) = (layout, geometry)
                    vggc_gemm_pack_patches(&layout, &geometry, taps.pointer.assumingMemoryBound(to: Int.self),
                                           box.pointer.assumingMemoryBound(to: Int8.self), packedPatches.pointer,
                                           panels.lowerBound, panels.upperBound)
                }
            }
        }
        var sums = [Int32](repeating: 0, count: gemm.outputChannels * pixels)
        offsets.withUnsafeBufferPointer { offsets in
            sums.withUnsafeMutableBufferPointer { sums in
                let (corrections, out) = (Operand(pointer: UnsafeMutableRawPointer(mutating: offsets.baseAddress!)),
                                          Operand(pointer: UnsafeMutableRawPointer(sums.baseAddress!)))
                Self.split(layout.channel_panels * layout.pixel_panels, across: workers) { tiles in
                    var layout = layout
                    vggc_gemm_multiply(&layout, packedWeights.pointer, corrections.pointer.assumingMemoryBound(to: Int32.self),
                                       packedPatches.pointer, out.pointer.assumingMemoryBound(to: Int32.self),
                                       tiles.lowerBound, tiles.upperBound)
                }
            }
        }
        return sums
    }

    /// Runs `body` on `workers` contiguous, near-equal parts of `0..<count`, in parallel.
    private static func split(_ count: Int, across workers: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let parts = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body(part * count / parts..<(part + 1) * count / parts)
        }
    }

    /// A buffer the worker threads share: each writes a disjoint part, or only reads it.
    private struct Operand: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    /// A 64-byte aligned scratch buffer for packed panels.
    private struct PackedBuffer: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer

        init(byteCount: Int) {
            pointer = .allocate(byteCount: max(byteCount, 1), alignment: 64)
        }

        func deallocate() { pointer.deallocate() }
    }
}
