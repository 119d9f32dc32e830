import IR
import Testing
@testable import Runtime
import Accelerator

@Suite struct Int8GemmKernelTests {
    /// A GEMM tile's shape: channels, output size, kernel, stride and dilation per axis.
    struct Shape: Sendable, CustomTestStringConvertible {
        var outputChannels, inputChannels, rows, columns: Int
        var kernel: (height: Int, width: Int)
        var stride = (height: 1, width: 1)
        var dilation = (height: 1, width: 1)

        var testDescription: String {
            "\(outputChannels)×\(inputChannels)×\(kernel.height)×\(kernel.width) on \(rows)×\(columns), "
                + "stride \(stride), dilation \(dilation)"
        }
    }

    /// How operand bytes are drawn.
    enum Values: CaseIterable, Sendable {
        case random
        /// Only −128, −127 and 127: the largest products of both signs.
        case extremes
        /// Every operand −128: the largest positive product everywhere.
        case allMinimum

        func draw(using generator: inout SeededGenerator) -> UInt8 {
            switch self {
            case .random: UInt8.random(in: 0...255, using: &generator)
            case .extremes: [0x80, 0x81, 0x7F].randomElement(using: &generator)!
            case .allMinimum: 0x80
            }
        }
    }

    /// Depths (C·kh·kw) that are and are not multiples of 4, 16 and 64, one pixel, one channel,
    /// one-pixel-wide output rows, strides and dilations on either axis, rows long enough for the
    /// vectorised patch packing, last pixel panels of 1 to 16 pixels (which the VNNI path computes
    /// with channels in the lanes), a tile large enough to split its pixel panels across the cores,
    /// and a one-pixel fully connected tile large enough to split its channel panels.
    static let shapes = [
        Shape(outputChannels: 5, inputChannels: 3, rows: 4, columns: 6, kernel: (3, 3), stride: (2, 2)),
        Shape(outputChannels: 7, inputChannels: 2, rows: 5, columns: 3, kernel: (1, 1), dilation: (2, 2)),
        Shape(outputChannels: 1, inputChannels: 5, rows: 1, columns: 1, kernel: (3, 3)),
        Shape(outputChannels: 9, inputChannels: 1, rows: 3, columns: 17, kernel: (1, 1)),
        Shape(outputChannels: 3, inputChannels: 7, rows: 2, columns: 33, kernel: (3, 3), stride: (1, 2), dilation: (2, 1)),
        Shape(outputChannels: 17, inputChannels: 13, rows: 1, columns: 40, kernel: (1, 5), dilation: (1, 3)),
        Shape(outputChannels: 33, inputChannels: 130, rows: 1, columns: 1, kernel: (1, 1)),
        Shape(outputChannels: 8, inputChannels: 4, rows: 3, columns: 37, kernel: (3, 3)),
        Shape(outputChannels: 64, inputChannels: 32, rows: 8, columns: 8, kernel: (3, 3)),
        Shape(outputChannels: 64, inputChannels: 96, rows: 13, columns: 12, kernel: (3, 3)),
        Shape(outputChannels: 601, inputChannels: 14100, rows: 1, columns: 1, kernel: (1, 1)),
    ]

    @Test(arguments: Int8GemmKernel.Path.allCases, shapes)
    func everyPathMatchesThePseudocode(path: Int8GemmKernel.Path, shape: Shape) throws {
        try Self.requireSupport(path)
        for values in Values.allCases {
            let (gemm, input, weights) = Self.tile(shape, values: values)
            #expect(Self.sums(gemm, path: path, input: input, weights: weights)
                        == Self.naiveSums(gemm, input: input, weights: weights), "\(values)")
        }
    }

    /// 131076 products of −128 × −128 pass 2^31: the sums wrap modulo 2^32 like the instruction's
    /// accumulator, on every path.
    @Test(arguments: Int8GemmKernel.Path.allCases)
    func sumsWrapModulo2To32(path: Int8GemmKernel.Path) throws {
        try Self.requireSupport(path)
        let shape = Shape(outputChannels: 2, inputChannels: 14564, rows: 1, columns: 2, kernel: (3, 3))
        let (gemm, input, weights) = Self.tile(shape, values: .allMinimum)
        let sums = Self.sums(gemm, path: path, input: input, weights: weights)
        #expect(sums == [Int32](repeating: Int32(truncatingIfNeeded: 131_076 * 16384), count: 4))
        #expect(sums == Self.naiveSums(gemm, input: input, weights: weights))
    }

    /// Without `reset` the sums are added to the accumulators already there, modulo 2^32, by the
    /// tiles of 32 pixels and by those of 16 or fewer.
    @Test(arguments: Int8GemmKernel.Path.allCases, [(rows: 3, columns: 9), (rows: 2, columns: 5)])
    func withoutResetTheSumsAddToTheAccumulators(path: Int8GemmKernel.Path, pixels: (rows: Int, columns: Int)) throws {
        try Self.requireSupport(path)
        let shape = Shape(outputChannels: 9, inputChannels: 5, rows: pixels.rows, columns: pixels.columns, kernel: (3, 3))
        var (gemm, input, weights) = Self.tile(shape, values: .random)
        gemm.reset = false
        let earlier = (0..<(9 * pixels.rows * pixels.columns)).map { Int32.max - Int32($0 * 1000) }
        let expected = zip(earlier, Self.naiveSums(gemm, input: input, weights: weights)).map { $0 &+ $1 }
        #expect(Self.sums(gemm, path: path, input: input, weights: weights, earlier: earlier) == expected)
    }

    /// Weight rows spread out in memory, as a strided `LOAD` leaves constant weights in DRAM, pack
    /// to the same panels as the rows side by side.
    @Test(arguments: Int8GemmKernel.Path.allCases)
    func rowsApartPackLikeRowsSideBySide(path: Int8GemmKernel.Path) throws {
        try Self.requireSupport(path)
        let (gemm, input, weights) = Self.tile(Shape(outputChannels: 11, inputChannels: 3, rows: 2, columns: 5, kernel: (3, 3)),
                                               values: .random)
        let depth = 27
        var spread = [UInt8](repeating: 0xA5, count: 7 + 11 * 40)
        for m in 0..<11 {
            for k in 0..<depth { spread[7 + m * 40 + k] = weights.bytes[gemm.weightAddress + m * depth + k] }
        }
        let packed = spread.withUnsafeBytes {
            PackedWeights(path: path, channels: 11, depth: depth, memory: $0, address: 7, rowStride: 40)
        }
        #expect(Self.sums(gemm, path: path, input: input, weights: packed) == Self.naiveSums(gemm, input: input, weights: weights))
    }

    /// Two output-channel groups over one box share one scratch: the second multiplies the panels
    /// the first packed, and gives the same sums as packing them afresh.
    @Test(arguments: Int8GemmKernel.Path.allCases)
    func aSecondGroupOverTheSameBoxReusesItsPatches(path: Int8GemmKernel.Path) throws {
        try Self.requireSupport(path)
        let (gemm, input, weights) = Self.tile(Shape(outputChannels: 8, inputChannels: 6, rows: 5, columns: 9, kernel: (3, 3)),
                                               values: .random)
        var second = gemm
        second.weightAddress += 4 * 54
        second.outputChannels = 4
        let scratch = GemmScratch()
        _ = Self.sums(gemm, path: path, input: input, weights: weights, scratch: scratch)
        let reused = Self.sums(second, path: path, input: input, weights: weights, scratch: scratch)
        #expect(reused == Self.sums(second, path: path, input: input, weights: weights))
        #expect(reused == Self.naiveSums(second, input: input, weights: weights))
    }

    @Test func theFastestPathIsSupportedAndScalarAlwaysIs() {
        #expect(Int8GemmKernel.Path.fastest.isSupported)
        #expect(Int8GemmKernel.Path.scalar.isSupported)
    }

    /// Cancels the test case, with the reason as its note, on a CPU without the path.
    private static func requireSupport(_ path: Int8GemmKernel.Path) throws {
        if !path.isSupported { try Test.cancel("this CPU lacks the instructions of the \(path) GEMM kernel") }
    }

    /// A reset GEMM of `shape` at odd addresses, with padded row and plane pitches, and its buffers.
    private static func tile(_ shape: Shape, values: Values) -> (GemmInstruction, DeviceMemory, DeviceMemory) {
        var gemm = GemmInstruction(
            layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: true, inputAddress: 3, inputPlanePitch: 0,
            inputRowPitch: 0, weightAddress: 5, accumulatorAddress: 6, outputChannels: shape.outputChannels,
            inputChannels: shape.inputChannels, outputRows: shape.rows, outputColumns: shape.columns,
            kernelHeight: shape.kernel.height, kernelWidth: shape.kernel.width, strideHeight: shape.stride.height,
            strideWidth: shape.stride.width, dilationHeight: shape.dilation.height, dilationWidth: shape.dilation.width)
        gemm.inputRowPitch = gemm.inputColumns + 1
        gemm.inputPlanePitch = gemm.inputRows * gemm.inputRowPitch + 2
        var generator = SeededGenerator(seed: UInt64(shape.outputChannels * 1000 + shape.inputChannels))
        let inputBytes = 3 + shape.inputChannels * gemm.inputPlanePitch
        let weightBytes = 5 + shape.outputChannels * shape.inputChannels * shape.kernel.height * shape.kernel.width
        var input = DeviceMemory(name: "input buffer", size: inputBytes)
        input.replace(at: 0, with: (0..<inputBytes).map { _ in values.draw(using: &generator) })
        var weights = DeviceMemory(name: "weight buffer", size: weightBytes)
        weights.replace(at: 0, with: (0..<weightBytes).map { _ in values.draw(using: &generator) })
        return (gemm, input, weights)
    }

    /// The kernel's sums with the weights at the instruction's weight address packed from `weights`.
    private static func sums(_ gemm: GemmInstruction, path: Int8GemmKernel.Path, input: DeviceMemory, weights: DeviceMemory,
                             earlier: [Int32]? = nil, scratch: GemmScratch = GemmScratch()) -> [Int32] {
        let depth = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
        let packed = weights.withUnsafeBytes {
            PackedWeights(path: path, channels: gemm.outputChannels, depth: depth, memory: $0, address: gemm.weightAddress,
                          rowStride: depth)
        }
        return sums(gemm, path: path, input: input, weights: packed, earlier: earlier, scratch: scratch)
    }

    /// The accumulators after the kernel ran, at the instruction's (unaligned) accumulator address
    /// and filled with `earlier` first, or with bytes the kernel must overwrite when it resets.
    private static func sums(_ gemm: GemmInstruction, path: Int8GemmKernel.Path, input: DeviceMemory, weights: PackedWeights,
                             earlier: [Int32]? = nil, scratch: GemmScratch = GemmScratch()) -> [Int32] {
        let outputs = gemm.outputChannels * gemm.outputRows * gemm.outputColumns
        var accumulators = DeviceMemory(name: "accumulator buffer", size: gemm.accumulatorAddress + 4 * outputs + 3)
        accumulators.replace(at: 0, with: [UInt8](repeating: 0x5A, count: accumulators.size))
        for (index, value) in (earlier ?? []).enumerated() {
            accumulators.setElement(Int64(value), at: gemm.accumulatorAddress + 4 * index, width: 4)
        }
        Int8GemmKernel(gemm: gemm, path: path).accumulate(input: input, weights: weights, into: &accumulators,
                                                          scratch: scratch)
        #expect(accumulators.bytes[..<gemm.accumulatorAddress].allSatisfy { $0 == 0x5A }
                && accumulators.bytes.suffix(3).allSatisfy { $0 == 0x5A }, "bytes outside the accumulators written")
        return (0..<outputs).map { Int32(accumulators.element(at: gemm.accumulatorAddress + 4 * $0, width: 4)) }
    }

    /// The instruction's pseudocode, output by output, in wrapping int32 arithmetic.
    private static func naiveSums(_ gemm: GemmInstruction, input: DeviceMemory, weights: DeviceMemory) -> [Int32] {
        let signed = { (memory: DeviceMemory, address: Int) in Int32(Int8(bitPattern: memory.bytes[address])) }
        var sums: [Int32] = []
        for m in 0..<gemm.outputChannels {
            for y in 0..<gemm.outputRows {
                for x in 0..<gemm.outputColumns {
                    var sum: Int32 = 0
                    for c in 0..<gemm.inputChannels {
                        for ky in 0..<gemm.kernelHeight {
                            for kx in 0..<gemm.kernelWidth {
                                let i = signed(input, gemm.inputAddress + c * gemm.inputPlanePitch
                                    + (y * gemm.strideHeight + ky * gemm.dilationHeight) * gemm.inputRowPitch
                                    + x * gemm.strideWidth + kx * gemm.dilationWidth)
                                let w = signed(weights, gemm.weightAddress
                                    + ((m * gemm.inputChannels + c) * gemm.kernelHeight + ky) * gemm.kernelWidth + kx)
                                sum &+= i &* w
                            }
                        }
                    }
                    sums.append(sum)
                }
            }
        }
        return sums
    }
}
