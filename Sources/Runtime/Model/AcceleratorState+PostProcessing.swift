import IR
import Accelerator
import Quantization

extension AcceleratorState {
    /// `POST`: bias, requantization (through IR's `Requantization`, so the rounding is the integer
    /// reference's own), output zero point and clamp for every accumulator of the tile.
    mutating func executePost(_ post: PostInstruction, site: InstructionSite) throws {
        let (width, accumulatorWidth) = (post.elementBytes, post.accumulatorBytes)
        try site.requireWidth(width, "element width")
        try site.requireWidth(accumulatorWidth, "accumulator width")
        try site.require(post.clampLow <= post.clampHigh, "clamp range \(post.clampLow)...\(post.clampHigh) is empty")
        let (accumulator, weight) = (Self.slot(.accumulator), Self.slot(.weight))
        let pixels = post.rows * post.columns
        let recordBytes = PostInstruction.parameterRecordBytes
        try sram[accumulator].check(address: post.accumulatorAddress, extents: [(post.channels * pixels, accumulatorWidth)],
                                    elementBytes: accumulatorWidth, site: site)
        try sram[weight].check(address: post.parameterAddress, extents: [(post.channels * recordBytes, 1)], elementBytes: 1,
                               site: site)
        try checkDestination(post.destination, channels: post.channels, rows: post.rows, columns: post.columns,
                             width: width, site: site)
        let range = post.clampLow...post.clampHigh
        var values: [Int64] = []
        values.reserveCapacity(post.elements)
        for channel in 0..<post.channels {
            let record = post.parameterAddress + channel * recordBytes
            let bias = sram[weight].element(at: record, width: 4)
            let requantization = try Self.requantization(post.requantization, multiplier: sram[weight].element(at: record + 4, width: 4),
                                                         shift: sram[weight].element(at: record + 8, width: 4), site: site)
            let base = post.accumulatorAddress + channel * pixels * accumulatorWidth
            for pixel in 0..<pixels {
                var sum = sram[accumulator].element(at: base + pixel * accumulatorWidth, width: accumulatorWidth) &+ bias
                if post.saturate { sum = FixedPointArithmetic.saturateInt32(sum) }
                let scaled = requantization.apply(sum, channel: 0)
                values.append(Int64(FixedPointArithmetic.clamp(Int64(post.outputZeroPoint) &+ scaled, to: range)))
            }
        }
        writeDestination(values, post.destination, rows: post.rows, columns: post.columns, width: width)
        count(layer: post.layer) { counters in
            counters.recordSRAMRead(.accumulator, bytes: post.elements * accumulatorWidth)
            counters.recordSRAMRead(.weight, bytes: post.channels * recordBytes)
            counters.recordSRAMWrite(post.destination.buffer, bytes: post.elements * width)
        }
    }

    /// `POOL`: the maximum, or the zero-point-corrected sum through the reciprocal multiplier, of each
    /// window of the input box.
    mutating func executePool(_ pool: PoolInstruction, site: InstructionSite) throws {
        let width = pool.elementBytes
        try site.requireWidth(width, "element width")
        try site.require(pool.strideHeight >= 1 && pool.strideWidth >= 1, "a stride below 1")
        try site.require(pool.kernelHeight >= 1 && pool.kernelWidth >= 1, "an empty window")
        try site.require(pool.clampLow <= pool.clampHigh, "clamp range \(pool.clampLow)...\(pool.clampHigh) is empty")
        let reciprocal = try Self.fixedPointMultiplier(Int64(pool.multiplier), shift: Int64(pool.shift), site: site)
        let input = Self.slot(.input)
        let inputRows = (pool.outputRows - 1) * pool.strideHeight + pool.kernelHeight
        let inputColumns = (pool.outputColumns - 1) * pool.strideWidth + pool.kernelWidth
        if pool.elements > 0 {
            try sram[input].check(address: pool.inputAddress,
                                  extents: [(pool.channels, pool.inputPlanePitch * width), (inputRows, pool.inputRowPitch * width),
                                            (inputColumns, width)],
                                  elementBytes: width, site: site)
        }
        try checkDestination(pool.destination, channels: pool.channels, rows: pool.outputRows, columns: pool.outputColumns,
                             width: width, site: site)
        let range = pool.clampLow...pool.clampHigh
        var values: [Int64] = []
        values.reserveCapacity(pool.elements)
        for channel in 0..<pool.channels {
            for y in 0..<pool.outputRows {
                for x in 0..<pool.outputColumns {
                    var largest = Int64.min
                    var sum: Int64 = 0
                    for ky in 0..<pool.kernelHeight {
                        for kx in 0..<pool.kernelWidth {
                            let element = channel * pool.inputPlanePitch + (y * pool.strideHeight + ky) * pool.inputRowPitch
                                + x * pool.strideWidth + kx
                            let tap = sram[input].element(at: pool.inputAddress + element * width, width: width)
                            largest = max(largest, tap)
                            sum = sum &+ (tap &- Int64(pool.inputZeroPoint))
                        }
                    }
                    switch pool.kind {
                    case .max:
                        values.append(Int64(FixedPointArithmetic.clamp(largest, to: range)))
                    case .average:
                        let scaled = reciprocal.apply(Int32(FixedPointArithmetic.saturateInt32(sum)))
                        values.append(Int64(FixedPointArithmetic.clamp(Int64(pool.outputZeroPoint) &+ scaled, to: range)))
                    }
                }
            }
        }
        writeDestination(values, pool.destination, rows: pool.outputRows, columns: pool.outputColumns, width: width)
        count(layer: pool.layer) { counters in
            if pool.elements > 0 { counters.recordSRAMRead(.input, bytes: pool.channels * inputRows * inputColumns * width) }
            counters.recordSRAMWrite(pool.destination.buffer, bytes: pool.elements * width)
        }
    }

    /// `ALU`: a 256-entry lookup table, the piecewise-linear sigmoid or a clamp on every value.
    mutating func executeALU(_ alu: ALUInstruction, site: InstructionSite) throws {
        let width = alu.elementBytes
        try site.requireWidth(width, "element width")
        let input = Self.slot(.input)
        try sram[input].check(address: alu.inputAddress,
                              extents: [(alu.channels, alu.inputPlanePitch * width), (alu.rows, alu.inputRowPitch * width),
                                        (alu.columns, width)],
                              elementBytes: width, site: site)
        try checkDestination(alu.destination, channels: alu.channels, rows: alu.rows, columns: alu.columns, width: width,
                             site: site)
        let operation = try aluOperation(alu, site: site)
        var values: [Int64] = []
        values.reserveCapacity(alu.elements)
        for channel in 0..<alu.channels {
            for y in 0..<alu.rows {
                for x in 0..<alu.columns {
                    let element = channel * alu.inputPlanePitch + y * alu.inputRowPitch + x
                    values.append(try operation(sram[input].element(at: alu.inputAddress + element * width, width: width)))
                }
            }
        }
        writeDestination(values, alu.destination, rows: alu.rows, columns: alu.columns, width: width)
        let tableBytes: Int
        switch alu.operation {
        case .lookupTable: tableBytes = 256
        case .piecewiseLinearSigmoid: tableBytes = 33 * 4
        case .clamp: tableBytes = 0
        }
        count(layer: alu.layer) { counters in
            counters.recordSRAMRead(.input, bytes: alu.elements * width)
            counters.recordSRAMRead(.weight, bytes: tableBytes)
            counters.recordSRAMWrite(alu.destination.buffer, bytes: alu.elements * width)
        }
    }

    /// The function `alu` applies to each stored value, with its table read from the weight buffer.
    private func aluOperation(_ alu: ALUInstruction, site: InstructionSite) throws -> (Int64) throws -> Int64 {
        let weight = sram[Self.slot(.weight)]
        switch alu.operation {
        case .lookupTable:
            try weight.check(address: alu.tableAddress, extents: [(256, 1)], elementBytes: 1, site: site)
            let table = (0..<256).map { weight.element(at: alu.tableAddress + $0, width: 1) }
            return { value in
                try site.require((-128...127).contains(value), "value \(value) lies outside the table's int8 range")
                return table[Int(value) + 128]
            }
        case .piecewiseLinearSigmoid:
            try weight.check(address: alu.tableAddress, extents: [(33, 4)], elementBytes: 4, site: site)
            let knots = (0..<33).map { Int32(truncatingIfNeeded: weight.element(at: alu.tableAddress + $0 * 4, width: 4)) }
            return { Int64(PiecewiseLinearSigmoid.evaluate(Int32(truncatingIfNeeded: $0), knots: knots)) }
        case .clamp:
            try site.require(alu.clampLow <= alu.clampHigh, "clamp range \(alu.clampLow)...\(alu.clampHigh) is empty")
            let range = alu.clampLow...alu.clampHigh
            return { Int64(FixedPointArithmetic.clamp($0, to: range)) }
        }
    }

    /// The requantization a `POST` parameter record describes, refusing fields the reference
    /// arithmetic does not define.
    private static func requantization(_ kind: RequantizationKind, multiplier: Int64, shift: Int64,
                                       site: InstructionSite) throws -> Requantization {
        switch kind {
        case .multiplier:
            return .multiplier([try fixedPointMultiplier(multiplier, shift: shift, site: site)])
        case .shift:
            try site.require(shift <= 63, "requantization shift \(shift) exceeds 63")
            return .shift(Int(shift))
        case .cuScale:
            return .cuScale(Int32(truncatingIfNeeded: multiplier))
        }
    }

    /// `multiplier / 2^shift`, refusing a negative multiplier or a shift outside 0...62.
    private static func fixedPointMultiplier(_ multiplier: Int64, shift: Int64, site: InstructionSite) throws -> FixedPointMultiplier {
        try site.require(multiplier >= 0, "multiplier \(multiplier) is negative")
        try site.require((0...Int64(FixedPointMultiplier.maximumShift)).contains(shift),
                         "shift \(shift) lies outside 0...\(FixedPointMultiplier.maximumShift)")
        return FixedPointMultiplier(multiplier: Int32(multiplier), shift: Int(shift))
    }

    /// Checks the footprint of a `[channels][rows][columns]` result at `destination`.
    private func checkDestination(_ destination: StridedDestination, channels: Int, rows: Int, columns: Int, width: Int,
                                  site: InstructionSite) throws {
        try sram[Self.slot(destination.buffer)].check(
            address: destination.address,
            extents: [(channels, destination.planePitch * width), (rows, destination.rowPitch * width), (columns, width)],
            elementBytes: width, site: site)
    }

    /// Writes `values`, ordered `[c][y][x]`, to their strided places at `destination`.
    private mutating func writeDestination(_ values: [Int64], _ destination: StridedDestination, rows: Int, columns: Int,
                                           width: Int) {
        let slot = Self.slot(destination.buffer)
        let planeValues = rows * columns
        for (index, value) in values.enumerated() {
            let (channel, pixel) = index.quotientAndRemainder(dividingBy: max(planeValues, 1))
            let (y, x) = pixel.quotientAndRemainder(dividingBy: max(columns, 1))
            let element = channel * destination.planePitch + y * destination.rowPitch + x
            sram[slot].setElement(value, at: destination.address + element * width, width: width)
        }
    }
}
