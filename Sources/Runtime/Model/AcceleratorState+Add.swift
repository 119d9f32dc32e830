import Accelerator
import Quantization

extension AcceleratorState {
    /// `ADD`: one operand of a rescaled sum, `(q − zeroPoint) × multiplier` added to the tile's
    /// 64-bit partial sums, or (the last operand) rounded, offset, clamped and written. A product
    /// or sum beyond 64 bits is refused: the integer reference's sum is exact.
    mutating func executeAdd(_ add: AddInstruction, site: InstructionSite) throws {
        let width = add.elementBytes
        let entry = AddInstruction.partialSumBytes
        try site.requireWidth(width, "element width")
        try site.require(add.shift <= 63, "shift \(add.shift) exceeds 63")
        try site.require(!add.write || add.clampLow <= add.clampHigh, "clamp range \(add.clampLow)...\(add.clampHigh) is empty")
        let (input, accumulator) = (Self.slot(.input), Self.slot(.accumulator))
        try sram[input].check(address: add.inputAddress,
                              extents: [(add.channels, add.inputPlanePitch * width), (add.rows, add.inputRowPitch * width),
                                        (add.columns, width)],
                              elementBytes: width, site: site)
        if add.accumulate || !add.write {
            try sram[accumulator].check(address: add.accumulatorAddress, extents: [(add.elements, entry)], elementBytes: entry,
                                        site: site)
        }
        if add.write {
            try checkDestination(add.destination, channels: add.channels, rows: add.rows, columns: add.columns, width: width,
                                 site: site)
        }
        let sums = try partialSums(add, site: site)
        if add.write {
            let range = add.clampLow...add.clampHigh
            let values = sums.map { sum in
                Int64(FixedPointArithmetic.clamp(Int64(add.outputZeroPoint) &+ FixedPointArithmetic.roundingShift(sum, by: add.shift),
                                                 to: range))
            }
            writeDestination(values, add.destination, rows: add.rows, columns: add.columns, width: width)
        } else {
            for (position, sum) in sums.enumerated() {
                sram[accumulator].setElement(sum, at: add.accumulatorAddress + position * entry, width: entry)
            }
        }
        count(layer: add.layer) { $0.record(.add(add)) }
    }

    /// The tile's sums `(accumulate ? partial : 0) + (q − zeroPoint) × multiplier`, `[c][y][x]`.
    private func partialSums(_ add: AddInstruction, site: InstructionSite) throws -> [Int64] {
        let width = add.elementBytes
        let (input, accumulator) = (sram[Self.slot(.input)], sram[Self.slot(.accumulator)])
        var sums: [Int64] = []
        sums.reserveCapacity(add.elements)
        for channel in 0..<add.channels {
            for y in 0..<add.rows {
                for x in 0..<add.columns {
                    let element = channel * add.inputPlanePitch + y * add.inputRowPitch + x
                    let q = input.element(at: add.inputAddress + element * width, width: width)
                    let (term, overflow) = (q - Int64(add.zeroPoint)).multipliedReportingOverflow(by: Int64(add.multiplier))
                    try site.require(!overflow, "(\(q) − \(add.zeroPoint)) × \(add.multiplier) exceeds 64 bits")
                    let partial = add.accumulate
                        ? accumulator.element(at: add.accumulatorAddress + sums.count * AddInstruction.partialSumBytes,
                                              width: AddInstruction.partialSumBytes)
                        : 0
                    let (sum, carry) = partial.addingReportingOverflow(term)
                    try site.require(!carry, "the partial sum \(partial) + \(term) exceeds 64 bits")
                    sums.append(sum)
                }
            }
        }
        return sums
    }
}
