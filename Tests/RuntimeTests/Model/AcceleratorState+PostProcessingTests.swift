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
}
