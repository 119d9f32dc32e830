import CRuntimeKernels

/// The weight rows of an int8 `GEMM` packed into the panels of one `Int8GemmKernel.Path`, with
/// each channel's correction term: what the kernel multiplies. Packed once per program for weights
/// that are constants in DRAM (`ConstantWeights`), or per instruction for any other weights. Owns
/// its 64-byte aligned panels; immutable once made.
final class PackedWeights: @unchecked Sendable {
    let path: Int8GemmKernel.Path
    /// M and K: output channels and the length of each row.
    let channels: Int
    let depth: Int
    /// `channel_panels · weight_panel_bytes` bytes.
    let panels: UnsafeMutableRawPointer
    /// One per channel.
    let offsets: [Int32]

    /// Packs `channels` rows of `depth` int8 weights from `memory`, row m at `address + m · rowStride`.
    init(path: Int8GemmKernel.Path, channels: Int, depth: Int, memory: UnsafeRawBufferPointer, address: Int, rowStride: Int) {
        precondition(channels > 0 && depth > 0 && address >= 0 && rowStride >= 0
                        && address + (channels - 1) * rowStride + depth <= memory.count,
                     "\(channels) weight rows of \(depth) bytes at \(address), \(rowStride) apart, leave \(memory.count) bytes")
        self.path = path
        self.channels = channels
        self.depth = depth
        var layout = vggc_gemm_plan(path.cValue, channels, 1, depth)
        panels = .allocate(byteCount: layout.channel_panels * layout.weight_panel_bytes, alignment: 64)
        var offsets = [Int32](repeating: 0, count: channels)
        vggc_gemm_pack_weights(&layout, (memory.baseAddress! + address).assumingMemoryBound(to: Int8.self), rowStride, panels,
                               &offsets, 0, layout.channel_panels)
        self.offsets = offsets
    }

    deinit { panels.deallocate() }
}
