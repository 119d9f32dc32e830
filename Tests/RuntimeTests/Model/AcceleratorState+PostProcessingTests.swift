import TestSupport
import IR
import Testing
@testable import Runtime
import Accelerator
import Quantization

@Suite struct AcceleratorStatePostProcessingTests {
    let config = AcceleratorFixtures.config

    func run(_ shape: ElementwiseProgram, _ compute: Instruction, input: [Int32], outputs: Int) throws -> [Int32] {
        try AcceleratorModel(program: shape.program(compute, outputs: outputs), config: config).run(input: input).outputs[0]
    }

    @Test func lookupTableIndexesByValuePlus128() throws {
        var generator = SeededGenerator(seed: 4)
        var shape = ElementwiseProgram(channels: 2, rows: 2, columns: 3)
        shape.table = (0..<256).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let input: [Int32] = [-128, 127, 0, -1, 1, 5, 100, -100, 64, -64, 3, -3]
        let expected = input.map { Int32(Int8(bitPattern: shape.table[Int($0) + 128])) }
        #expect(try run(shape, shape.alu(.lookupTable), input: input, outputs: 12) == expected)
    }

    @Test func piecewiseLinearSigmoidInterpolatesTheKnots() throws {
        let knots = PiecewiseLinearSigmoid.knots
        var shape = ElementwiseProgram(channels: 1, rows: 2, columns: 6, width: 4)
        shape.table = AcceleratorFixtures.littleEndian(knots, width: 4)
        let input: [Int32] = [-9000, -300, -1, 0, 1, 128, 255, 256, 700, 8191, 8192, 20000]
        let expected = input.map { x -> Int32 in
            let a = min(Int(x.magnitude), 8192)
            let i = min(a / 256, 31)
            let y = Int(knots[i]) + ((Int(knots[i + 1]) - Int(knots[i])) * (a - 256 * i) + 128) / 256
            return Int32(x < 0 ? 1024 - y : y)
        }
        #expect(try run(shape, shape.alu(.piecewiseLinearSigmoid), input: input, outputs: 12) == expected)
        #expect(expected[3] == 512 && expected[0] == 1024 - knots[32])
    }

    @Test func clampBoundsEachValue() throws {
        let shape = ElementwiseProgram(channels: 3, rows: 1, columns: 2)
        let input: [Int32] = [-128, -4, -3, 0, 50, 127]
        #expect(try run(shape, shape.alu(.clamp, low: -3, high: 50), input: input, outputs: 6) == [-3, -3, -3, 0, 50, 50])
    }

    func pool(_ shape: ElementwiseProgram, _ kind: PoolKind, kernel: Int, stride: Int, outputRows: Int, outputColumns: Int,
              inputZeroPoint: Int32 = 0, outputZeroPoint: Int32 = 0, multiplier: Int32 = 0, shift: Int = 0,
              low: Int32 = -128) -> Instruction {
        .pool(PoolInstruction(layer: 0, elementBytes: 1, kind: kind, inputAddress: 0, inputPlanePitch: shape.planePitch,
                              inputRowPitch: shape.boxColumns, channels: shape.channels, outputRows: outputRows,
                              outputColumns: outputColumns, kernelHeight: kernel, kernelWidth: kernel, strideHeight: stride,
                              strideWidth: stride, inputZeroPoint: inputZeroPoint, outputZeroPoint: outputZeroPoint,
                              multiplier: multiplier, shift: shift, clampLow: low, clampHigh: 127,
                              destination: ElementwiseProgram.destination(rows: outputRows, columns: outputColumns)))
    }

    /// The windows of a `kernel`/`stride` pool over each padded `[C, H, W]` plane of `box`.
    func windows(_ box: [Int32], channels: Int, rows: Int, columns: Int, kernel: Int, stride: Int) -> [[Int32]] {
        let (outputRows, outputColumns) = ((rows - kernel) / stride + 1, (columns - kernel) / stride + 1)
        var result: [[Int32]] = []
        for c in 0..<channels {
            for y in 0..<outputRows {
                for x in 0..<outputColumns {
                    result.append((0..<kernel).flatMap { ky in
                        (0..<kernel).map { kx in box[(c * rows + y * stride + ky) * columns + x * stride + kx] }
                    })
                }
            }
        }
        return result
    }

    @Test func maxPoolTakesTheLargestTapIncludingLoadedPadding() throws {
        var generator = SeededGenerator(seed: 8)
        var shape = ElementwiseProgram(channels: 2, rows: 4, columns: 5)
        shape.pads = (top: 1, bottom: 1, left: 1, right: 1)
        shape.padValue = -128
        let input = (0..<40).map { _ in Int32.random(in: -128...127, using: &generator) }
        var box: [Int32] = []
        for c in 0..<2 { for y in -1...4 { for x in -1...5 { box.append((0..<4).contains(y) && (0..<5).contains(x) ? input[(c * 4 + y) * 5 + x] : -128) } } }
        let expected = windows(box, channels: 2, rows: 6, columns: 7, kernel: 3, stride: 2).map { max($0.max()!, -10) }
        let instruction = pool(shape, .max, kernel: 3, stride: 2, outputRows: 2, outputColumns: 3, low: -10)
        #expect(try run(shape, instruction, input: input, outputs: 12) == expected)
    }

    @Test func averagePoolScalesTheZeroPointCorrectedSum() throws {
        var generator = SeededGenerator(seed: 6)
        let shape = ElementwiseProgram(channels: 3, rows: 4, columns: 4)
        let input = (0..<48).map { _ in Int32.random(in: -128...127, using: &generator) }
        // 1/4 as 2^30 / 2^32; rounding half up.
        let expected = windows(input, channels: 3, rows: 4, columns: 4, kernel: 2, stride: 2).map { taps -> Int32 in
            let sum = taps.reduce(0) { $0 + Int($1) - 4 }
            return Int32(min(max(-2 + Int((Double(sum) / 4 + 0.5).rounded(.down)), -128), 127))
        }
        let instruction = pool(shape, .average, kernel: 2, stride: 2, outputRows: 2, outputColumns: 2, inputZeroPoint: 4,
                               outputZeroPoint: -2, multiplier: 1 << 30, shift: 32)
        #expect(try run(shape, instruction, input: input, outputs: 12) == expected)
    }

    // MARK: The C loops against the pseudocode

    /// A fresh machine on the test config, for one instruction at a time.
    static func machine() throws -> AcceleratorState {
        let program = AcceleratorFixtures.program([.end(layer: 0)], constants: [], dramBytes: 16,
                                                  input: DRAMTensor(name: "x", address: 0, dims: [1], elementBytes: 1),
                                                  outputs: [])
        return try AcceleratorState(program: program, config: AcceleratorFixtures.config,
                                    constantWeights: ConstantWeights(program: program, executionOrder: [], path: .scalar))
    }

    static let site = InstructionSite(index: 0, instruction: .end(layer: 0), layerNames: ["tile"])

    /// One `POST` parameter set for three channels: (bias, multiplier, shift) each.
    struct PostCase: Sendable, CustomTestStringConvertible {
        var kind: RequantizationKind
        var saturate: Bool
        var records: [(bias: Int32, multiplier: Int32, shift: Int32)]
        var zeroPoint: Int32
        var clamp: ClosedRange<Int32>

        var testDescription: String { "\(kind), saturate \(saturate), \(records), zero point \(zeroPoint), \(clamp)" }
    }

    /// Extreme biases, multipliers and shifts of every kind, clamps narrower and wider than int8
    /// (whose results wrap to their low byte).
    static let postCases = [
        PostCase(kind: .multiplier, saturate: true, records: [(.max, .max, 0), (-5, 1 << 30, 1), (.min, 12345, 62)],
                 zeroPoint: -128, clamp: -128...127),
        PostCase(kind: .multiplier, saturate: false, records: [(7, .max, 31), (.max, 1, 0), (-1, 1_518_500_250, 37)],
                 zeroPoint: 3, clamp: -300...400),
        PostCase(kind: .shift, saturate: false, records: [(100, 0, -40), (.max, 0, 63), (-7, 0, 3)], zeroPoint: 5,
                 clamp: .min ... .max),
        PostCase(kind: .shift, saturate: true, records: [(.max, 0, -1), (.min, 0, 1), (0, 0, 0)], zeroPoint: -9,
                 clamp: -128...127),
        PostCase(kind: .cuScale, saturate: true, records: [(-3, -1, 0), (.max, 65535, 0), (0, .max, 0)], zeroPoint: -1,
                 clamp: -128...127),
    ]

    /// Four-byte accumulators to one-byte results (the C loop), at unaligned addresses, into a strided
    /// destination with gaps that must stay untouched.
    @Test(arguments: postCases)
    func postFromInt32ToInt8FollowsThePseudocode(_ post: PostCase) throws {
        var machine = try Self.machine()
        var generator = SeededGenerator(seed: 21)
        let (channels, rows, columns) = (3, 3, 19)
        let extremes: [Int32] = [.min, .max, 0, -1]
        let accumulators = (0..<(channels * rows * columns)).map { index in
            index % 9 < extremes.count ? extremes[index % 9] : Int32.random(in: .min ... .max, using: &generator)
        }
        machine.sram[AcceleratorState.slot(.accumulator)].replace(at: 6, with: AcceleratorFixtures.littleEndian(accumulators, width: 4))
        machine.sram[AcceleratorState.slot(.weight)].replace(
            at: 10, with: AcceleratorFixtures.littleEndian(post.records.flatMap { [$0.bias, $0.multiplier, $0.shift] }, width: 4))
        machine.sram[AcceleratorState.slot(.output)].replace(at: 0, with: [UInt8](repeating: 0xEE, count: 400))
        let destination = StridedDestination(buffer: .output, address: 3, planePitch: 64, rowPitch: 21)
        try machine.executePost(PostInstruction(
            layer: 0, elementBytes: 1, accumulatorBytes: 4, accumulatorAddress: 6, parameterAddress: 10, channels: channels,
            rows: rows, columns: columns, requantization: post.kind, saturate: post.saturate, outputZeroPoint: post.zeroPoint,
            clampLow: post.clamp.lowerBound, clampHigh: post.clamp.upperBound, destination: destination), site: Self.site)
        var expected = [UInt8](repeating: 0xEE, count: 400)
        for c in 0..<channels {
            for y in 0..<rows {
                for x in 0..<columns {
                    let value = Self.naivePost(accumulators[(c * rows + y) * columns + x], post, record: post.records[c])
                    expected[3 + c * 64 + y * 21 + x] = UInt8(truncatingIfNeeded: value)
                }
            }
        }
        #expect(Array(machine.sram[AcceleratorState.slot(.output)].bytes[..<400]) == expected)
    }

    /// The `POST` pseudocode for one accumulator, written out in Int64 arithmetic.
    static func naivePost(_ accumulator: Int32, _ post: PostCase, record: (bias: Int32, multiplier: Int32, shift: Int32)) -> Int64 {
        let saturated = { (x: Int64) in min(max(x, Int64(Int32.min)), Int64(Int32.max)) }
        var sum = Int64(accumulator) + Int64(record.bias)
        if post.saturate { sum = saturated(sum) }
        let shift = Int64(record.shift)
        let halfUp = { (x: Int64, s: Int64) in s == 0 ? x : (x + (1 << (s - 1))) >> s }
        let scaled: Int64
        switch post.kind {
        case .multiplier:
            scaled = halfUp(saturated(sum) * Int64(record.multiplier), shift)
        case .shift where shift >= 0:
            scaled = halfUp(sum, shift)
        case .shift:
            let (product, overflow) = -shift < 63 ? sum.multipliedReportingOverflow(by: 1 << -shift) : (0, sum != 0)
            scaled = overflow ? (sum < 0 ? .min : .max) : product
        case .cuScale:
            scaled = (saturated(sum) * Int64(record.multiplier)) >> 16
        }
        return min(max(Int64(post.zeroPoint) &+ scaled, Int64(post.clamp.lowerBound)), Int64(post.clamp.upperBound))
    }

    /// One `POOL`: kind, window, zero points, reciprocal and clamp.
    struct PoolCase: Sendable, CustomTestStringConvertible {
        var kind: PoolKind
        /// Kernel height and width, stride height and width.
        var window = (kernelHeight: 3, kernelWidth: 2, strideHeight: 2, strideWidth: 3)
        var inputZeroPoint: Int32 = 0
        var outputZeroPoint: Int32 = 0
        var multiplier: Int32 = 0
        var shift = 0
        var clamp: ClosedRange<Int32>
        /// Where the result goes: the output buffer, the input buffer beside the box, or over it.
        var destination: StridedDestination

        var testDescription: String {
            "\(kind) \(window) \(inputZeroPoint) \(outputZeroPoint) \(multiplier)/2^\(shift) \(clamp) \(destination)"
        }
    }

    static let beside = StridedDestination(buffer: .input, address: 2000, planePitch: 70, rowPitch: 21)
    static let over = StridedDestination(buffer: .input, address: 7, planePitch: 70, rowPitch: 21)
    static let output = StridedDestination(buffer: .output, address: 1, planePitch: 70, rowPitch: 21)

    /// 3×2 windows at strides 2 and 3, and VGG's 2×2 at stride 2 (with its own loop when the clamp
    /// lies inside int8).
    static let poolCases = [
        PoolCase(kind: .max, clamp: -10...100, destination: output),
        PoolCase(kind: .max, clamp: -128...127, destination: beside),
        PoolCase(kind: .max, clamp: -128...127, destination: over),
        PoolCase(kind: .max, window: (2, 2, 2, 2), clamp: -100...90, destination: output),
        PoolCase(kind: .max, window: (2, 2, 2, 2), clamp: -128...127, destination: beside),
        PoolCase(kind: .max, window: (2, 2, 2, 2), clamp: -200...300, destination: output),
        PoolCase(kind: .average, inputZeroPoint: 127, outputZeroPoint: -128, multiplier: .max, shift: 33, clamp: -200...300,
                 destination: output),
        PoolCase(kind: .average, window: (2, 2, 2, 2), inputZeroPoint: -128, outputZeroPoint: 9, multiplier: 1 << 30,
                 shift: 62, clamp: -128...127, destination: beside),
        PoolCase(kind: .average, inputZeroPoint: 3, multiplier: 3, shift: 0, clamp: .min ... .max, destination: over),
    ]

    /// Windows over a padded-pitch box of extreme and random values, rows long enough for the
    /// vector loop and a remainder, into the output buffer, the input buffer beside the box (the C
    /// loops) and over the box (element by element, every window read before any result is written).
    @Test(arguments: poolCases)
    func poolOfInt8FollowsThePseudocode(_ pool: PoolCase) throws {
        var machine = try Self.machine()
        var generator = SeededGenerator(seed: 22)
        let (channels, rows, columns, planePitch, rowPitch) = (2, 7, 41, 299, 42)
        let window = pool.window
        let (outputRows, outputColumns) = ((rows - window.kernelHeight) / window.strideHeight + 1,
                                           (columns - window.kernelWidth) / window.strideWidth + 1)
        let box = (0..<(channels * planePitch)).map { index in
            index % 5 == 0 ? Int8.min : index % 5 == 1 ? Int8.max : Int8.random(in: .min ... .max, using: &generator)
        }
        machine.sram[AcceleratorState.slot(.input)].replace(at: 7, with: box.map { UInt8(bitPattern: $0) })
        let destinationSlot = AcceleratorState.slot(pool.destination.buffer)
        let before = machine.sram[destinationSlot].bytes
        try machine.executePool(PoolInstruction(
            layer: 0, elementBytes: 1, kind: pool.kind, inputAddress: 7, inputPlanePitch: planePitch, inputRowPitch: rowPitch,
            channels: channels, outputRows: outputRows, outputColumns: outputColumns, kernelHeight: window.kernelHeight,
            kernelWidth: window.kernelWidth, strideHeight: window.strideHeight, strideWidth: window.strideWidth,
            inputZeroPoint: pool.inputZeroPoint, outputZeroPoint: pool.outputZeroPoint, multiplier: pool.multiplier,
            shift: pool.shift, clampLow: pool.clamp.lowerBound, clampHigh: pool.clamp.upperBound,
            destination: pool.destination), site: Self.site)
        var expected = before
        for c in 0..<channels {
            for y in 0..<outputRows {
                for x in 0..<outputColumns {
                    let taps = (0..<window.kernelHeight).flatMap { ky in
                        (0..<window.kernelWidth).map { kx in
                            Int64(box[c * planePitch + (window.strideHeight * y + ky) * rowPitch + window.strideWidth * x + kx])
                        }
                    }
                    let value: Int64
                    switch pool.kind {
                    case .max:
                        value = taps.max()!
                    case .average:
                        let sum = min(max(taps.reduce(0) { $0 + $1 - Int64(pool.inputZeroPoint) }, Int64(Int32.min)),
                                      Int64(Int32.max))
                        let product = sum * Int64(pool.multiplier)
                        value = Int64(pool.outputZeroPoint)
                            + (pool.shift == 0 ? product : (product + (1 << (pool.shift - 1))) >> pool.shift)
                    }
                    let clamped = min(max(value, Int64(pool.clamp.lowerBound)), Int64(pool.clamp.upperBound))
                    expected[pool.destination.address + c * 70 + y * 21 + x] = UInt8(truncatingIfNeeded: clamped)
                }
            }
        }
        #expect(machine.sram[destinationSlot].bytes == expected)
    }
}
