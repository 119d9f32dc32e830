/// The GEMM kernel's working memory, kept from one instruction to the next so that a run allocates
/// nothing per instruction: the 64-byte aligned packed patch panels, grown on demand, and the tap
/// offsets. The panels stay valid for the next `GEMM` over the same input box (a layer tiled into
/// output-channel groups runs one per group) until an instruction writes the bytes they came from:
/// the machine state reports every write to the input buffer (`forgetPatches(overlapping:)`).
/// One run uses it at a time.
final class GemmScratch {
    /// What the packed panels hold: the patches of this input box, geometry and kernel path.
    struct PatchSource: Hashable {
        var path: Int8GemmKernel.Path
        var inputAddress, inputPlanePitch, inputRowPitch, inputChannels: Int
        var kernelHeight, kernelWidth, outputRows, outputColumns: Int
        var strideHeight, strideWidth, dilationHeight, dilationWidth: Int
    }

    private var patches = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 64)
    private var patchCapacity = 64
    private var packed: (source: PatchSource, bytes: Range<Int>)?
    private var tapOffsets: [Int] = []

    init() {}

    /// A patch buffer of at least `bytes` bytes, and whether it already holds the panels of
    /// `source`.
    func patchBuffer(bytes: Int, for source: PatchSource) -> (pointer: UnsafeMutableRawPointer, holdsSource: Bool) {
        if patchCapacity < bytes {
            patches.deallocate()
            patches = .allocate(byteCount: bytes, alignment: 64)
            patchCapacity = bytes
            packed = nil
        }
        return (patches, packed?.source == source)
    }

    /// Notes that the patch buffer now holds the panels of `source`, read from input-buffer `bytes`.
    func rememberPatches(of source: PatchSource, from bytes: Range<Int>) {
        packed = (source, bytes)
    }

    /// Forgets the packed panels if they were read from any of `bytes` of the input buffer.
    func forgetPatches(overlapping bytes: Range<Int>) {
        if let packed, packed.bytes.overlaps(bytes) { self.packed = nil }
    }

    /// Forgets the packed panels.
    func forgetPatches() {
        packed = nil
    }

    /// Calls `body` with a buffer of `count` tap offsets (contents undefined).
    func withTapOffsets<Result>(count: Int, _ body: (UnsafeMutablePointer<Int>) -> Result) -> Result {
        if tapOffsets.count < count { tapOffsets = [Int](repeating: 0, count: count) }
        return tapOffsets.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    deinit { patches.deallocate() }
}
