import Accelerator
import IR

/// A 3×3, stride-1, pad-1 convolution small enough for one tile, with random int8 data, and the
/// instructions that compute it: its constants image (weights, then 12-byte parameter records), its
/// DRAM input and output regions, and an independent naive reference.
public struct ConvTile: Sendable {
    public var channels = 3
    public var outputChannels = 4
    public var height = 4
    public var width = 5
    public var inputZeroPoint: Int32 = 3
    public var outputZeroPoint: Int32 = -5
    public var clamp: ClosedRange<Int32> = -128...127
    public var requantization = RequantizationKind.multiplier
    public var saturate = true
    public var weights: [Int32] = []
    public var bias: [Int32] = []
    public var multipliers: [Int32] = []
    public var shifts: [Int32] = []
    public var input: [Int32] = []

    public init(seed: UInt64, requantization: RequantizationKind = .multiplier) {
        var generator = SeededGenerator(seed: seed)
        self.requantization = requantization
        weights = (0..<(outputChannels * channels * 9)).map { _ in Int32.random(in: -128...127, using: &generator) }
        input = (0..<(channels * height * width)).map { _ in Int32.random(in: -128...127, using: &generator) }
        bias = (0..<outputChannels).map { _ in Int32.random(in: -5000...5000, using: &generator) }
        switch requantization {
        case .multiplier:
            multipliers = (0..<outputChannels).map { _ in Int32.random(in: (1 << 30)...Int32.max, using: &generator) }
            shifts = (0..<outputChannels).map { _ in Int32.random(in: 36...40, using: &generator) }
        case .shift:
            multipliers = Array(repeating: 0, count: outputChannels)
            shifts = [7, 8, 0, -1]
        case .cuScale:
            multipliers = (0..<outputChannels).map { _ in Int32.random(in: 1...300, using: &generator) }
            shifts = Array(repeating: 0, count: outputChannels)
        }
    }

    // MARK: Layout

    public var weightBytes: Int { weights.count }
    public var parameterAddress: Int { weightBytes }
    public var constants: [UInt8] {
        AcceleratorFixtures.littleEndian(weights, width: 1)
            + AcceleratorFixtures.littleEndian((0..<outputChannels).flatMap { [bias[$0], multipliers[$0], shifts[$0]] }, width: 4)
    }
    public var inputAddress: Int { 1024 }
    public var outputAddress: Int { 2048 }
    public var dramBytes: Int { 3072 }
    public var pixels: Int { height * width }
    public var inputTensor: DRAMTensor { DRAMTensor(name: "x", address: inputAddress, dims: [1, channels, height, width], elementBytes: 1) }
    public var outputTensor: DRAMTensor {
        DRAMTensor(name: "y", address: outputAddress, dims: [1, outputChannels, height, width], elementBytes: 1)
    }

    // MARK: Instructions

    public func weightLoad(tokens: DependencyFlags = .none) -> Instruction {
        AcceleratorFixtures.flatLoad(.weight, dramAddress: 0, sramAddress: 0,
                                     count: weightBytes + 12 * outputChannels, tokens: tokens)
    }

    /// The padded input box of `channels` planes from DRAM `dramAddress` to input-buffer `sramAddress`.
    public func inputLoad(dramAddress: Int? = nil, sramAddress: Int = 0, tokens: DependencyFlags = .none) -> Instruction {
        .load(LoadInstruction(dependencies: tokens, layer: 0, buffer: .input, elementBytes: 1,
                              dramAddress: dramAddress ?? inputAddress, sramAddress: sramAddress, depth: channels,
                              rows: height, columns: width, dramPlaneStride: pixels, dramRowStride: width, padTop: 1,
                              padBottom: 1, padLeft: 1, padRight: 1, padValue: inputZeroPoint))
    }

    /// A GEMM over input channels `inputChannels` (weights of those channels at `weightAddress`).
    public func gemm(inputChannels: Range<Int>? = nil, weightAddress: Int = 0, reset: Bool = true, accumulatorAddress: Int = 0,
              inputSRAMAddress: Int = 0, tokens: DependencyFlags = .none) -> Instruction {
        let range = inputChannels ?? 0..<channels
        let plane = (height + 2) * (width + 2)
        return .gemm(GemmInstruction(dependencies: tokens, layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: reset,
                                     inputAddress: inputSRAMAddress + range.lowerBound * plane, inputPlanePitch: plane,
                                     inputRowPitch: width + 2, weightAddress: weightAddress,
                                     accumulatorAddress: accumulatorAddress, outputChannels: outputChannels,
                                     inputChannels: range.count, outputRows: height, outputColumns: width, kernelHeight: 3,
                                     kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1, dilationWidth: 1))
    }

    public func post(accumulatorAddress: Int = 0, outputAddress: Int = 0, tokens: DependencyFlags = .none) -> Instruction {
        .post(PostInstruction(dependencies: tokens, layer: 0, elementBytes: 1, accumulatorBytes: 4,
                              accumulatorAddress: accumulatorAddress, parameterAddress: parameterAddress,
                              channels: outputChannels, rows: height, columns: width, requantization: requantization,
                              saturate: saturate, outputZeroPoint: outputZeroPoint, clampLow: clamp.lowerBound,
                              clampHigh: clamp.upperBound,
                              destination: StridedDestination(buffer: .output, address: outputAddress, planePitch: pixels,
                                                              rowPitch: width)))
    }

    public func store(sramAddress: Int = 0, dramAddress: Int? = nil, tokens: DependencyFlags = .none) -> Instruction {
        AcceleratorFixtures.flatStore(sramAddress: sramAddress, dramAddress: dramAddress ?? outputAddress,
                                      count: outputChannels * pixels, tokens: tokens)
    }

    /// LOAD weights and parameters, LOAD input (→ compute), GEMM (←), POST (→ store), STORE (←), END.
    public var instructions: [Instruction] {
        [weightLoad(), inputLoad(tokens: AcceleratorFixtures.pushNext), gemm(tokens: AcceleratorFixtures.popPrevious),
         post(tokens: AcceleratorFixtures.pushNext), store(tokens: AcceleratorFixtures.popPrevious), .end(layer: 0)]
    }

    public var program: AcceleratorProgram {
        AcceleratorFixtures.program(instructions, constants: constants, dramBytes: dramBytes, input: inputTensor,
                                    outputs: [outputTensor])
    }

    // MARK: Reference

    /// The raw accumulators `Σ x × w` of `input`, padding reading the input zero point, `[m][y][x]`.
    public func naiveSums(_ input: [Int32]) -> [Int64] {
        var sums: [Int64] = []
        for m in 0..<outputChannels {
            for y in 0..<height {
                for x in 0..<width {
                    var sum: Int64 = 0
                    for c in 0..<channels {
                        for ky in 0..<3 {
                            for kx in 0..<3 {
                                let (iy, ix) = (y + ky - 1, x + kx - 1)
                                let inside = iy >= 0 && iy < height && ix >= 0 && ix < width
                                let value = inside ? input[(c * height + iy) * width + ix] : inputZeroPoint
                                sum += Int64(value) * Int64(weights[((m * channels + c) * 3 + ky) * 3 + kx])
                            }
                        }
                    }
                    sums.append(sum)
                }
            }
        }
        return sums
    }

    /// The stored outputs for `input`, requantized by hand (rounding half up).
    public func naiveOutput(_ input: [Int32]? = nil) -> [Int32] {
        naiveSums(input ?? self.input).enumerated().map { index, sum in
            let m = index / pixels
            var a = sum + Int64(bias[m])
            if saturate { a = min(max(a, Int64(Int32.min)), Int64(Int32.max)) }
            let (multiplier, shift) = (Int64(multipliers[m]), Int64(shifts[m]))
            let r: Int64
            switch requantization {
            case .multiplier: r = (a * multiplier + (Int64(1) << (shift - 1))) >> shift
            case .shift: r = shift > 0 ? (a + (Int64(1) << (shift - 1))) >> shift : a << -shift
            case .cuScale: r = Int64((Double(a) * Double(multiplier) / 65536).rounded(.down))
            }
            return Int32(min(max(Int64(outputZeroPoint) + r, Int64(clamp.lowerBound)), Int64(clamp.upperBound)))
        }
    }
}
