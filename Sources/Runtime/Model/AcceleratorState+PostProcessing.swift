import IR
import Accelerator
import CRuntimeKernels
import Quantization

extension AcceleratorState {
    /// `POST`: bias, requantization (through IR's `Requantization`, so the rounding is the integer
    /// reference's own), output zero point and clamp for every accumulator of the tile. Four-byte
    /// accumulators to one-byte results in another buffer take the C loop of `CRuntimeKernels`,
    /// which follows the same pseudocode.
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
        let sums = post.accumulatorAddress..<(post.accumulatorAddress + post.elements * accumulatorWidth)
        if width == 1 && accumulatorWidth == 4
            && !overlaps(post.destination, post.channels, post.rows, post.columns, width, .accumulator, sums) {
            try postInt32ToInt8(post, site: site)
        } else {
            try postAnyWidth(post, site: site)
        }
        count(layer: post.layer) { $0.record(.post(post)) }
    }

    /// `POST` element by element for any widths.
    private mutating func postAnyWidth(_ post: PostInstruction, site: InstructionSite) throws {
        let (width, accumulatorWidth) = (post.elementBytes, post.accumulatorBytes)
        let (accumulator, weight) = (Self.slot(.accumulator), Self.slot(.weight))
        let pixels = post.rows * post.columns
        let recordBytes = PostInstruction.parameterRecordBytes
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
    }

    /// `POST` from four-byte accumulators to one-byte results outside the accumulator buffer, in C:
    /// every channel's parameters are read and checked before any result is written.
    private mutating func postInt32ToInt8(_ post: PostInstruction, site: InstructionSite) throws {
        let parameters = sram[Self.slot(.weight)]
        let channels = try (0..<post.channels).map { channel in
            let record = post.parameterAddress + channel * PostInstruction.parameterRecordBytes
            let (multiplier, shift) = (parameters.element(at: record + 4, width: 4), parameters.element(at: record + 8, width: 4))
            try Self.checkRequantization(post.requantization, multiplier: multiplier, shift: shift, site: site)
            return vggc_post_channel(bias: Int32(parameters.element(at: record, width: 4)), multiplier: Int32(multiplier),
                                     shift: Int32(shift))
        }
        guard post.elements > 0 else { return }
        let kind: vggc_requantize_kind
        switch post.requantization {
        case .multiplier: kind = VGGC_REQUANTIZE_MULTIPLIER
        case .shift: kind = VGGC_REQUANTIZE_SHIFT
        case .cuScale: kind = VGGC_REQUANTIZE_CU_SCALE
        }
        var tile = vggc_post_tile(kind: kind, saturate: post.saturate ? 1 : 0, output_zero_point: post.outputZeroPoint,
                                  clamp_low: post.clampLow, clamp_high: post.clampHigh, channels: post.channels, rows: post.rows,
                                  columns: post.columns, plane_pitch: post.destination.planePitch,
                                  row_pitch: post.destination.rowPitch)
        withBuffers(reading: .accumulator, writing: post.destination.buffer) { source, destination in
            vggc_post_int32_to_int8(&tile, channels, (source + post.accumulatorAddress).assumingMemoryBound(to: UInt8.self),
                                    (destination + post.destination.address).assumingMemoryBound(to: Int8.self))
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
        let box = pool.elements == 0 ? pool.inputAddress..<pool.inputAddress
            : pool.inputAddress..<(pool.inputAddress + ((pool.channels - 1) * pool.inputPlanePitch
                                                        + (inputRows - 1) * pool.inputRowPitch + inputColumns) * width)
        if width == 1 && !overlaps(pool.destination, pool.channels, pool.outputRows, pool.outputColumns, width, .input, box) {
            poolInt8(pool, reciprocal: reciprocal)
        } else {
            poolAnyWidth(pool, reciprocal: reciprocal)
        }
        count(layer: pool.layer) { $0.record(.pool(pool)) }
    }

    /// `POOL` element by element for any width.
    private mutating func poolAnyWidth(_ pool: PoolInstruction, reciprocal: FixedPointMultiplier) {
        let width = pool.elementBytes
        let input = Self.slot(.input)
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
    }

    /// `POOL` of one-byte values into a buffer other than the input buffer, in C.
    private mutating func poolInt8(_ pool: PoolInstruction, reciprocal: FixedPointMultiplier) {
        guard pool.elements > 0 else { return }
        let average: Int32
        switch pool.kind {
        case .max: average = 0
        case .average: average = 1
        }
        var tile = vggc_pool_tile(
            average: average, channels: pool.channels, output_rows: pool.outputRows, output_columns: pool.outputColumns,
            kernel_height: pool.kernelHeight, kernel_width: pool.kernelWidth, stride_height: pool.strideHeight,
            stride_width: pool.strideWidth, input_plane_pitch: pool.inputPlanePitch, input_row_pitch: pool.inputRowPitch,
            input_zero_point: pool.inputZeroPoint, output_zero_point: pool.outputZeroPoint, multiplier: reciprocal.multiplier,
            shift: Int32(reciprocal.shift), clamp_low: pool.clampLow, clamp_high: pool.clampHigh,
            plane_pitch: pool.destination.planePitch, row_pitch: pool.destination.rowPitch)
        withBuffers(reading: .input, writing: pool.destination.buffer) { source, destination in
            vggc_pool_int8(&tile, (source + pool.inputAddress).assumingMemoryBound(to: Int8.self),
                           (destination + pool.destination.address).assumingMemoryBound(to: Int8.self))
        }
    }

    /// `ALU`: a lookup table, the piecewise-linear sigmoid or a clamp on every value.
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
        count(layer: alu.layer) { $0.record(.alu(alu)) }
    }

    /// The function `alu` applies to each stored value, with its table read from the weight buffer.
    private func aluOperation(_ alu: ALUInstruction, site: InstructionSite) throws -> (Int64) throws -> Int64 {
        let weight = sram[Self.slot(.weight)]
        let (entries, entryBytes) = alu.operation.table
        switch alu.operation {
        case .lookupTable:
            try weight.check(address: alu.tableAddress, extents: [(entries, entryBytes)], elementBytes: entryBytes, site: site)
            let table = (0..<entries).map { weight.element(at: alu.tableAddress + $0 * entryBytes, width: entryBytes) }
            return { value in
                try site.require((-128...127).contains(value), "value \(value) lies outside the table's int8 range")
                return table[Int(value) + 128]
            }
        case .piecewiseLinearSigmoid:
            try weight.check(address: alu.tableAddress, extents: [(entries, entryBytes)], elementBytes: entryBytes, site: site)
            let knots = (0..<entries).map {
                Int32(truncatingIfNeeded: weight.element(at: alu.tableAddress + $0 * entryBytes, width: entryBytes))
            }
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
        try checkRequantization(kind, multiplier: multiplier, shift: shift, site: site)
        switch kind {
        case .multiplier: return .multiplier([FixedPointMultiplier(multiplier: Int32(multiplier), shift: Int(shift))])
        case .shift: return .shift(Int(shift))
        case .cuScale: return .cuScale(Int32(truncatingIfNeeded: multiplier))
        }
    }

    /// Refuses `POST` parameter fields the reference arithmetic does not define.
    private static func checkRequantization(_ kind: RequantizationKind, multiplier: Int64, shift: Int64,
                                            site: InstructionSite) throws {
        switch kind {
        case .multiplier: try checkFixedPointMultiplier(multiplier, shift: shift, site: site)
        case .shift: try site.require(shift <= 63, "requantization shift \(shift) exceeds 63")
        case .cuScale: break
        }
    }

    /// `multiplier / 2^shift`, refusing a negative multiplier or a shift outside 0...62.
    private static func fixedPointMultiplier(_ multiplier: Int64, shift: Int64, site: InstructionSite) throws -> FixedPointMultiplier {
        try checkFixedPointMultiplier(multiplier, shift: shift, site: site)
        return FixedPointMultiplier(multiplier: Int32(multiplier), shift: Int(shift))
    }

    /// Refuses a negative multiplier or a shift outside 0...62.
    private static func checkFixedPointMultiplier(_ multiplier: Int64, shift: Int64, site: InstructionSite) throws {
        try site.require(multiplier >= 0, "multiplier \(multiplier) is negative")
        try site.require((0...Int64(FixedPointMultiplier.maximumShift)).contains(shift),
                         "shift \(shift) lies outside 0...\(FixedPointMultiplier.maximumShift)")
    }

    /// Whether a `[channels][rows][columns]` result at `destination` may overwrite `bytes` of the
    /// `buffer` an instruction reads (footprint checked).
    private func overlaps(_ destination: StridedDestination, _ channels: Int, _ rows: Int, _ columns: Int, _ width: Int,
                          _ buffer: SRAMBuffer.Role, _ bytes: Range<Int>) -> Bool {
        destination.buffer == buffer && Self.span(destination, channels, rows, columns, width).overlaps(bytes)
    }

    /// From the first to the last byte of a `[channels][rows][columns]` result at `destination`
    /// (footprint checked): empty when it has no elements.
    private static func span(_ destination: StridedDestination, _ channels: Int, _ rows: Int, _ columns: Int,
                             _ width: Int) -> Range<Int> {
        guard channels > 0, rows > 0, columns > 0 else { return destination.address..<destination.address }
        let bytes = ((channels - 1) * destination.planePitch + (rows - 1) * destination.rowPitch + columns) * width
        return destination.address..<(destination.address + bytes)
    }

    /// Checks the footprint of a `[channels][rows][columns]` result at `destination`, and reports
    /// the write (`noteWrite`).
    func checkDestination(_ destination: StridedDestination, channels: Int, rows: Int, columns: Int, width: Int,
                                  site: InstructionSite) throws {
        try sram[Self.slot(destination.buffer)].check(
            address: destination.address,
            extents: [(channels, destination.planePitch * width), (rows, destination.rowPitch * width), (columns, width)],
            elementBytes: width, site: site)
        noteWrite(destination.buffer, Self.span(destination, channels, rows, columns, width))
    }

    /// Writes `values`, ordered `[c][y][x]`, to their strided places at `destination`.
    mutating func writeDestination(_ values: [Int64], _ destination: StridedDestination, rows: Int, columns: Int,
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
