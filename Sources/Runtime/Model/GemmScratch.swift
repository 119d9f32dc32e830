/// The GEMM kernel's working memory, kept from one instruction to the next so that a run allocates
/// nothing per instruction: packed patch panels, in up to `entryLimit` 64-byte aligned buffers
/// grown on demand, and the tap offsets. Each buffer's panels stay valid for later `GEMM`s over the
/// same input box (a layer tiled into output-channel groups packs each box once instead of once per
/// group) until an instruction writes the bytes they came from: the machine state reports every
/// write to the input buffer (`forgetPatches(overlapping:)`). One run uses it at a time.
final class GemmScratch {
    /// What packed panels hold: the patches of this input box, geometry and kernel path.
    struct PatchSource: Hashable {
        var path: Int8GemmKernel.Path
        var inputAddress, inputPlanePitch, inputRowPitch, inputChannels: Int
        var kernelHeight, kernelWidth, outputRows, outputColumns: Int
        var strideHeight, strideWidth, dilationHeight, dilationWidth: Int
    }

    /// One buffer of packed panels.
    private struct Entry {
        var pointer: UnsafeMutableRawPointer
        var capacity: Int
        /// What the panels hold and the input-buffer bytes they came from, while valid.
        var packed: (source: PatchSource, bytes: Range<Int>)?
        /// When the entry was last handed out, for choosing one to reuse.
        var lastUse = 0
    }

    /// Enough for the boxes a tiled layer revisits (measured on VGG16: 8 keep 93% of the packing
    /// of 224×224 images and half of that of 32×32 ones).
    static let entryLimit = 8

    private var entries: [Entry] = []
    private var uses = 0
    private var tapOffsets: [Int] = []

    init() {}

    /// The buffer that holds the panels of `source` (`packed`), or else one of at least `bytes`
    /// bytes to pack them into: a free buffer, or the one used longest ago. Either way the caller
    /// then calls `remember(_:holds:from:)` with its `entry`.
    func patches(for source: PatchSource, bytes: Int) -> (entry: Int, pointer: UnsafeMutableRawPointer, packed: Bool) {
        uses += 1
        if let index = entries.firstIndex(where: { $0.packed?.source == source }) {
            entries[index].lastUse = uses
            return (index, entries[index].pointer, true)
        }
        let index: Int
        if entries.count < Self.entryLimit {
            entries.append(Entry(pointer: .allocate(byteCount: max(bytes, 64), alignment: 64), capacity: max(bytes, 64)))
            index = entries.count - 1
        } else {
            index = entries.indices.min { Self.reuseOrder(entries[$0]) < Self.reuseOrder(entries[$1]) }!
        }
        if entries[index].capacity < bytes {
            entries[index].pointer.deallocate()
            entries[index].pointer = .allocate(byteCount: bytes, alignment: 64)
            entries[index].capacity = bytes
        }
        entries[index].packed = nil
        entries[index].lastUse = uses
        return (index, entries[index].pointer, false)
    }

    /// Free buffers first, then the one used longest ago.
    private static func reuseOrder(_ entry: Entry) -> (Int, Int) { (entry.packed == nil ? 0 : 1, entry.lastUse) }

    /// Notes that buffer `entry` holds the panels of `source`, read from input-buffer `bytes`.
    func remember(_ entry: Int, holds source: PatchSource, from bytes: Range<Int>) {
        entries[entry].packed = (source, bytes)
    }

    /// Forgets the packed panels read from any of `bytes` of the input buffer.
    func forgetPatches(overlapping bytes: Range<Int>) {
        for index in entries.indices where entries[index].packed?.bytes.overlaps(bytes) == true {
            entries[index].packed = nil
        }
    }

    /// Forgets every packed panel.
    func forgetPatches() {
        for index in entries.indices { entries[index].packed = nil }
    }

    /// Calls `body` with a buffer of `count` tap offsets (contents undefined).
    func withTapOffsets<Result>(count: Int, _ body: (UnsafeMutablePointer<Int>) -> Result) -> Result {
        if tapOffsets.count < count { tapOffsets = [Int](repeating: 0, count: count) }
        return tapOffsets.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
    }

    deinit {
        for entry in entries { entry.pointer.deallocate() }
    }
}
