import Accelerator

/// Which parts of the weight buffer hold, at one point of a run, a plain copy of DRAM bytes that no
/// instruction had written yet: what `ConstantWeights` follows through a program. Every address in
/// an instruction is fixed, so this is known before any input is.
struct WeightBufferCopies: Hashable, Sendable {
    /// A `LOAD` without padding whose planes are contiguous: `segments` runs of `segmentBytes` bytes,
    /// one after another in SRAM from `sramAddress`, `dramStride` apart in DRAM from `dramAddress`.
    struct Copy: Hashable, Sendable {
        var sramAddress: Int
        var dramAddress: Int
        var segments: Int
        var segmentBytes: Int
        var dramStride: Int

        var sramBytes: Range<Int> { sramAddress..<(sramAddress + segments * segmentBytes) }

        /// The copy a `LOAD` makes, or nil for one with padding, strided rows or no data.
        init?(_ load: LoadInstruction) {
            let rowBytes = load.columns * load.elementBytes
            guard load.elementBytes > 0, load.depth > 0, load.rows > 0, load.columns > 0, load.dramAddress >= 0, load.sramAddress >= 0,
                  load.dramPlaneStride >= 0, load.dramRowStride >= 0,
                  [load.padTop, load.padBottom, load.padLeft, load.padRight].allSatisfy({ $0 == 0 }),
                  load.rows == 1 || load.dramRowStride == rowBytes else { return nil }
            sramAddress = load.sramAddress
            dramAddress = load.dramAddress
            segmentBytes = load.rows * rowBytes
            (segments, dramStride) = load.dramPlaneStride == segmentBytes ? (1, 0) : (load.depth, load.dramPlaneStride)
            if segments == 1 { segmentBytes *= load.depth }
        }
    }

    /// Where a weight block's rows come from: row m at `dramAddress + m · rowStride`.
    struct Rows: Hashable, Sendable {
        var dramAddress: Int
        var rowStride: Int
    }

    /// Disjoint.
    private var copies: [Copy] = []

    /// Forgets every copy that shares a byte with `bytes`, which an instruction overwrites.
    mutating func overwrite(_ bytes: Range<Int>) {
        guard !bytes.isEmpty else { return }
        copies.removeAll { $0.sramBytes.overlaps(bytes) }
    }

    /// Records `copy` over whatever it overwrites.
    mutating func record(_ copy: Copy) {
        overwrite(copy.sramBytes)
        copies.append(copy)
    }

    /// The DRAM rows of the `channels × depth` block at `address`, when one copy holds all of it
    /// and each row lies inside one of its segments, the rows evenly spaced.
    func rows(at address: Int, channels: Int, depth: Int) -> Rows? {
        guard channels > 0, depth > 0,
              let copy = copies.first(where: { $0.sramBytes.contains(address) }),
              address + channels * depth <= copy.sramBytes.upperBound else { return nil }
        let (segment, offset) = (address - copy.sramAddress).quotientAndRemainder(dividingBy: copy.segmentBytes)
        let origin = copy.dramAddress + segment * copy.dramStride + offset
        if copy.segments == 1 || channels == 1 && offset + depth <= copy.segmentBytes {
            return Rows(dramAddress: origin, rowStride: depth)
        }
        guard depth == copy.segmentBytes, offset == 0 else { return nil }
        return Rows(dramAddress: origin, rowStride: copy.dramStride)
    }
}
