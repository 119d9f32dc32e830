import Calibration
import Foundation
@testable import IR
@testable import Quantization
import Testing
import TestSupport

/// LRN as four integer stages (docs/NUMERICS.md, "LRN"): against the float LRN kernel within a
/// stated tolerance, and bit for bit against the stages written out here in plain integer code.
@Suite("LRN quantization")
struct QuantizedGraphBuilderLRNTests {
    /// AlexNet's and GoogLeNet's attributes.
    static let attributes = LRNAttributes(size: 5, alpha: 1e-4, beta: 0.75, bias: 1)
    static let dims = [1, 9, 4, 5]

    /// x [1, 9, 4, 5] → LRN → y.
    static func graph(_ attributes: LRNAttributes = attributes) throws -> Graph {
        try ShapeInference.infer(Graph(name: "lrn", inputs: [ValueInfo(name: "x", type: TensorType(.float32, Shape(dims)))], outputs: ["y"],
                                       initializers: [:], nodes: [Node(name: "norm", op: .lrn(attributes), inputs: ["x"], outputs: ["y"])]))
    }

    /// Inputs uniform in [0, 300] (a ReLU's output): `α/n · S` reaches about 4, the factors fall from
    /// 1 to about 0.3.
    static func inputs(_ count: Int, seed: UInt64) -> [Tensor] {
        SampleGraphs.randomInputs(count, shape: Shape(dims), seed: seed).map { Tensor(shape: $0.shape, floats: $0.floats.map { $0 * 300 }) }
    }

    static func quantized(mode: ArithmeticMode = .standard) throws -> QuantizedGraph {
        let graph = try graph()
        let ranges = try Calibrator.ranges(of: graph, inputs: inputs(16, seed: 3), method: .minMax)
        return try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions(arithmetic: mode))
    }

    @Test func runsAsFourStagesAroundAFlatProduct() throws {
        let quantized = try Self.quantized()
        #expect(quantized.layers.map(\.name) == ["norm:square", "norm:window", "norm:power", "norm:x", "norm:gate", "norm:product", "norm"])
        #expect(quantized.layers.map(\.output) == ["y:square", "y:window", "y:power", "y:x", "y:gate", "y:product", "y"])
        #expect(quantized.layers[5].dims == [1, 180, 1, 1])
        #expect(quantized.layers.last?.dims == Self.dims)
    }

    /// The bound of docs/NUMERICS.md: `|y − LRN(x)| ≤ |x| Δd + s_x k^−β / 2 + s_y / 2` with
    /// `Δd = β (α/n) k^(−β−1) (s_S / 2 + n (s_sq / 2 + max|x| s_x + s_x² / 4)) + s_d / 2`: the input's,
    /// the squares', the sums' and the factors' rounding carried to the output (the inputs are the
    /// calibration inputs, so neither a window sum nor an output is clipped). Measured on these
    /// inputs: up to 2.1 output steps, 0.64 of the bound.
    @Test func tracksTheFloatLRNWithinTheStatedBound() throws {
        let inputs = Self.inputs(8, seed: 40)
        let graph = try Self.graph()
        let ranges = try Calibrator.ranges(of: graph, inputs: inputs, method: .minMax)
        let quantized = try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions())
        let params = Dictionary(uniqueKeysWithValues: quantized.layers.map { ($0.output, Double($0.params.scale)) })
        let (sx, sq, sS, sd, sy) = (Double(quantized.input.params.scale), try #require(params["y:square"]), try #require(params["y:window"]),
                                    try #require(params["y:power"]), try #require(params["y"]))
        let (n, alpha, beta) = (5.0, Double(Self.attributes.alpha), Double(Self.attributes.beta))
        let input = quantized.input.params
        let largest = Double(max(abs(input.dequantize(-128)), abs(input.dequantize(127))))
        let factorError = beta * alpha / n * (sS / 2 + n * (sq / 2 + largest * sx + sx * sx / 4)) + sd / 2
        var worstSteps = 0.0, worstShare = 0.0
        for input in inputs {
            let expected = LRNKernel.normalize(input.floats, shape: input.shape, Self.attributes)
            let stored = try #require(try IntegerInterpreter(graph: quantized).runStored(input)["y"]).int64s
            for ((x, value), level) in zip(zip(input.floats, expected), stored) {
                let error = abs(Double(quantized.outputs[0].params.dequantize(Int32(level)) - value))
                let bound = abs(Double(x)) * factorError + sx / 2 + sy / 2
                worstSteps = max(worstSteps, error / sy)
                worstShare = max(worstShare, error / bound)
            }
        }
        #expect(worstShare <= 1, "largest error \(worstSteps) output steps, \(worstShare) of the bound")
        #expect(worstSteps > 1, "the bound should be exercised by inputs whose factors span 1 to 0.3")
    }

    @Test func equalsTheStagesInPlainIntegerCode() throws {
        let quantized = try Self.quantized()
        let params = Dictionary(uniqueKeysWithValues: quantized.layers.map { ($0.output, $0.params) })
        let (x, squares, sums, factors, y) = (quantized.input.params, try #require(params["y:square"]), try #require(params["y:window"]),
                                              try #require(params["y:power"]), try #require(params["y"]))
        for input in Self.inputs(4, seed: 41) {
            let stored = try #require(try IntegerInterpreter(graph: quantized).runStored(input)["y"]).int64s
            #expect(stored == Self.naiveLRN(input.floats, x: x, squares: squares, sums: sums, factors: factors, y: y))
        }
    }

    @Test func refusesQ10StorageAndANonPositiveBias() throws {
        #expect(throws: IRError.self) { try Self.quantized(mode: .de1socQ10) }
        let graph = try Self.graph(LRNAttributes(size: 3, alpha: 1e-4, beta: 0.75, bias: 0))
        let ranges = try Calibrator.ranges(of: graph, inputs: Self.inputs(2, seed: 3), method: .minMax)
        #expect(throws: IRError.self) { try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions()) }
    }

    // MARK: The independent integer reference

    /// The stages of docs/NUMERICS.md's LRN on `[1, 9, 4, 5]`, in Int64 with the multipliers derived here.
    static func naiveLRN(_ input: [Float], x: QuantParams, squares: QuantParams, sums: QuantParams, factors: QuantParams,
                         y: QuantParams) -> [Int64] {
        let (channels, plane) = (dims[1], dims[2] * dims[3])
        let qx = input.map { quantize(Double($0), x) }
        let square = qx.map { q -> Int64 in
            let real = x.scale * Float(Int32(q) - x.zeroPoint)
            return quantize(Double(Float(Double(real) * Double(real))), squares)
        }
        let (windowMultiplier, windowShift) = normalizedMultiplier(Double(squares.scale) / Double(sums.scale))
        let (productMultiplier, productShift) = productMultiplier(Double(x.scale) * Double(factors.scale) / Double(y.scale))
        var output = [Int64](repeating: 0, count: input.count)
        for channel in 0..<channels {
            let window = max(0, channel - 2)...min(channels - 1, channel + 2)
            for position in 0..<plane {
                let accumulator = window.reduce(Int64(0)) { $0 + square[$1 * plane + position] - Int64(squares.zeroPoint) }
                let sum = clamp(Int64(sums.zeroPoint) + QuantizationTestSupport.roundHalfUp(accumulator * windowMultiplier, shift: windowShift))
                let real = Double(sums.scale * Float(Int32(sum) - sums.zeroPoint))
                let factor = quantize(Double(Float(pow(1 + Double(Float(1e-4)) / 5 * max(real, 0), -0.75))), factors)
                let index = channel * plane + position
                let product = (qx[index] - Int64(x.zeroPoint)) * (factor - Int64(factors.zeroPoint)) * productMultiplier
                output[index] = clamp(Int64(y.zeroPoint) + QuantizationTestSupport.roundHalfUp(product, shift: productShift))
            }
        }
        return output
    }

    /// `clamp(round_half_even(v / scale) + zp, −128, 127)`.
    static func quantize(_ value: Double, _ params: QuantParams) -> Int64 {
        clamp(Int64((value / Double(params.scale)).rounded(.toNearestOrEven)) + Int64(params.zeroPoint))
    }

    static func clamp(_ value: Int64) -> Int64 { QuantizationTestSupport.clamp(value, -128, 127) }

    /// `M / 2^s ≈ real` with `M` in `[2^30, 2^31)`, rounded half away from zero.
    static func normalizedMultiplier(_ real: Double) -> (Int64, Int) {
        var shift = 30 - Int(floor(log2(real)))
        var multiplier = (real * pow(2, Double(shift))).rounded(.toNearestOrAwayFromZero)
        if multiplier == pow(2, 31) { multiplier /= 2; shift -= 1 }
        return (Int64(multiplier), shift)
    }

    /// A product's `m / 2^s ≈ real` with `m` holding 31 significant bits (up to `2^31` itself).
    static func productMultiplier(_ real: Double) -> (Int64, Int) {
        let shift = 30 - Int(floor(log2(real)))
        return (Int64((real * pow(2, Double(shift))).rounded(.toNearestOrAwayFromZero)), shift)
    }
}
