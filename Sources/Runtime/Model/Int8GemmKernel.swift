import CRuntimeKernels
import Dispatch
import Foundation
import Accelerator

/// The `GEMM` hot loop for one-byte operands and four-byte accumulators, in the C target
/// `CRuntimeKernels`: the weight rows come packed into panels (`PackedWeights`, once per program for
/// constant weights), the input patches of the output pixels (ordered (c, ky, kx)) are packed into
/// the scratch (unless it still holds them from an earlier `GEMM` over the same box), and every pair
/// of panels is multiplied with the fastest `Path` the CPU has, in
/// wrapping int32 arithmetic: the instruction's modulo-2^32 accumulation, exact for any operand
/// values. The sums go straight into the accumulator buffer. Large tiles split their pixel panels
/// (or, for few pixels, their channel panels) across the cores. The unsafe pointers stay inside
/// this type.
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

        var cValue: vggc_gemm_path {
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

    /// Below this many MACs (about 50 us of the kernel) a tile runs on one thread: waking a second
    /// one costs more than it saves.
    private static let parallelMACs = 1 << 23

    /// The cores a large tile is split across.
    private static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// Adds the instruction's sums (`[m][y][x]`) to its accumulators in `accumulators`, modulo 2^32,
    /// or stores them when it resets. `weights` must be the instruction's M×K rows packed for
    /// `path`, with M, K and the pixel count above zero; the input and accumulator footprints must
    /// have been checked.
    func accumulate(input: DeviceMemory, weights: PackedWeights, into accumulators: inout DeviceMemory, scratch: GemmScratch) {
        precondition(path.isSupported, "the \(path) GEMM kernel needs a CPU feature this one lacks")
        let depth = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
        let pixels = gemm.outputRows * gemm.outputColumns
        precondition(weights.path == path && weights.channels == gemm.outputChannels && weights.depth == depth && pixels > 0,
                     "weights packed for \(weights.channels)×\(weights.depth) on \(weights.path)")
        let layout = vggc_gemm_plan(path.cValue, gemm.outputChannels, pixels, depth)
        let geometry = vggc_gemm_geometry(
            input_channels: gemm.inputChannels, kernel_height: gemm.kernelHeight, kernel_width: gemm.kernelWidth,
            output_rows: gemm.outputRows, output_columns: gemm.outputColumns, stride_height: gemm.strideHeight,
            stride_width: gemm.strideWidth, dilation_height: gemm.dilationHeight, dilation_width: gemm.dilationWidth,
            plane_pitch: gemm.inputPlanePitch, row_pitch: gemm.inputRowPitch)
        let shares = Self.shares(layout, workers: gemm.macs >= Self.parallelMACs ? Self.cores : 1)
        let source = GemmScratch.PatchSource(
            path: path, inputAddress: gemm.inputAddress, inputPlanePitch: gemm.inputPlanePitch,
            inputRowPitch: gemm.inputRowPitch, inputChannels: gemm.inputChannels, kernelHeight: gemm.kernelHeight,
            kernelWidth: gemm.kernelWidth, outputRows: gemm.outputRows, outputColumns: gemm.outputColumns,
            strideHeight: gemm.strideHeight, strideWidth: gemm.strideWidth, dilationHeight: gemm.dilationHeight,
            dilationWidth: gemm.dilationWidth)
        let (entry, buffer, packed) = scratch.patches(for: source, bytes: layout.pixel_panels * layout.patch_panel_bytes)
        let patches = Operand(pointer: buffer)
        // Workers sharing every pixel panel cannot each pack them: pack them here first.
        let packHere = !packed && shares.count > 1 && shares[0].pixelPanels.count == layout.pixel_panels
        let reset: Int32 = gemm.reset ? 1 : 0
        scratch.withTapOffsets(count: depth) { taps in
            if !packed { withUnsafePointer(to: geometry) { vggc_gemm_tap_offsets($0, taps) } }
            let tapOffsets = Operand(pointer: UnsafeMutableRawPointer(taps))
            input.withUnsafeBytes { inputBytes in
                let box = Operand(pointer: UnsafeMutableRawPointer(mutating: inputBytes.baseAddress! + gemm.inputAddress))
                if packHere {
                    var (layout, geometry) = (layout, geometry)
                    vggc_gemm_pack_patches(&layout, &geometry, taps, box.pointer.assumingMemoryBound(to: Int8.self),
                                           patches.pointer, 0, layout.pixel_panels)
                }
                let pack: Int32 = packed || packHere ? 0 : 1
                accumulators.withUnsafeMutableBytes { accumulatorBytes in
                    let sums = Operand(pointer: accumulatorBytes.baseAddress! + gemm.accumulatorAddress)
                    weights.offsets.withUnsafeBufferPointer { offsets in
                        let corrections = Operand(pointer: UnsafeMutableRawPointer(mutating: offsets.baseAddress!))
                        let panels = Operand(pointer: weights.panels)
                        Self.perform(shares.count) { index in
                            var (layout, geometry) = (layout, geometry)
                            let share = shares[index]
                            vggc_gemm_run(&layout, &geometry, tapOffsets.pointer.assumingMemoryBound(to: Int.self),
                                          box.pointer.assumingMemoryBound(to: Int8.self), pack, patches.pointer, panels.pointer,
                                          corrections.pointer.assumingMemoryBound(to: Int32.self), sums.pointer, reset,
                                          share.channelPanels.lowerBound, share.channelPanels.upperBound,
                                          share.pixelPanels.lowerBound, share.pixelPanels.upperBound)
                        }
                    }
                }
            }
        }
        let boxBytes = (gemm.inputChannels - 1) * gemm.inputPlanePitch + (gemm.inputRows - 1) * gemm.inputRowPitch
            + gemm.inputColumns
        scratch.remember(entry, holds: source, from: gemm.inputAddress..<(gemm.inputAddress + boxBytes))
    }

    /// One worker's panels.
    private struct Share: Sendable {
        var channelPanels: Range<Int>
        var pixelPanels: Range<Int>
    }

    /// Near-equal parts of the pixel panels, each with every channel panel; when there are fewer
    /// pixel panels than workers (a one-pixel fully connected tile), parts of the channel panels
    /// instead, each packing every pixel panel.
    private static func shares(_ layout: vggc_gemm_layout, workers: Int) -> [Share] {
        let (channels, pixels) = (0..<layout.channel_panels, 0..<layout.pixel_panels)
        if pixels.count >= workers {
            return parts(of: pixels.count, workers: workers).map { Share(channelPanels: channels, pixelPanels: $0) }
        }
        return parts(of: channels.count, workers: workers).map { Share(channelPanels: $0, pixelPanels: pixels) }
    }

    /// `0..<count` in at most `workers` contiguous, near-equal, non-empty parts.
    private static func parts(of count: Int, workers: Int) -> [Range<Int>] {
        let parts = max(1, min(workers, count))
        return (0..<parts).map { part in part * count / parts..<(part + 1) * count / parts }
    }

    /// Runs `body` for `0..<count`, in parallel when there is more than one.
    private static func perform(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count == 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    /// A buffer the worker threads share: each writes a disjoint part, or only reads it.
    private struct Operand: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }
}
