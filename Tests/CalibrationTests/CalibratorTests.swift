import Foundation
@testable import IR
import Testing
@testable import Calibration

@Suite("Calibrator")
struct CalibratorTests {
    /// `y = Relu(x)` on `[1, n]`.
    static func reluGraph(_ count: Int) throws -> Graph {
        try ShapeInference.infer(Graph(name: "relu", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, count]))],
                                       outputs: ["y"], initializers: [:],
                                       nodes: [Node(name: "relu", op: .relu, inputs: ["x"], outputs: ["y"])]))
    }

    @Test func minMaxIsTheExactExtremeOverAllSamples() throws {
        let graph = try Self.reluGraph(3)
        let ranges = try Calibrator.ranges(of: graph, inputs: [Tensor(shape: [1, 3], floats: [-3, 1, 2]),
                                                               Tensor(shape: [1, 3], floats: [0.5, 4.25, -1])], method: .minMax)
        #expect(ranges == ["x": -3...4.25, "y": 0...4.25])
    }

    @Test func channelMeansAverageEachChannelOverSamplesAndPositions() throws {
        let graph = try ShapeInference.infer(Graph(name: "relu", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 2, 1, 2]))],
                                                   outputs: ["y"], initializers: [:],
                                                   nodes: [Node(name: "relu", op: .relu, inputs: ["x"], outputs: ["y"])]))
        var calibrator = Calibrator(graph: graph, method: .minMax)
        try calibrator.observe(Tensor(shape: [1, 2, 1, 2], floats: [1, 2, -4, 6]))
        try calibrator.observe(Tensor(shape: [1, 2, 1, 2], floats: [3, -2, 8, 0]))
        // Channel 0: 1, 2, 3, -2; channel 1: -4, 6, 8, 0 (ReLU: 0, 6, 8, 0).
        #expect(calibrator.channelMeans() == ["x": [1, 2.5], "y": [1.5, 3.5]])
    }

    /// An LRN's channel-window sums of squares are recorded as the value `OUTPUT:window`.
    @Test func recordsTheWindowSumsOfSquaresOfAnLRN() throws {
        let graph = try ShapeInference.infer(Graph(
            name: "lrn", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 3, 1, 1]))], outputs: ["y"], initializers: [:],
            nodes: [Node(name: "norm", op: .lrn(LRNAttributes(size: 3)), inputs: ["x"], outputs: ["y"])]))
        // Windows {0, 1}, {0, 1, 2}, {1, 2}: 1 + 4, 1 + 4 + 9, 4 + 9; then 0.25 + 1, 0.25 + 1 + 16, 1 + 16.
        let ranges = try Calibrator.ranges(of: graph, inputs: [Tensor(shape: [1, 3, 1, 1], floats: [1, -2, 3]),
                                                               Tensor(shape: [1, 3, 1, 1], floats: [0.5, 1, -4])], method: .minMax)
        #expect(ranges["y:window"] == 1.25...17.25)
    }

    @Test func percentileClipsBothTailsAtTheMagnitudePercentile() throws {
        let graph = try Self.reluGraph(10_000)
        // |x| takes the values 1...10000 once each; the 99th percentile of |x| is 9900.
        let values = (1...10_000).map { Float($0 % 2 == 0 ? $0 : -$0) }
        var calibrator = Calibrator(graph: graph, method: .percentile(99))
        try calibrator.observe(Tensor(shape: [1, 10_000], floats: values))
        let range = try #require(calibrator.ranges()["x"])
        let binWidth: Float = 10_000 / 2048
        #expect(abs(range.upperBound - 9900) <= binWidth)
        #expect(range.lowerBound == -range.upperBound)
        #expect(try #require(calibrator.ranges()["y"]).lowerBound == 0)
        #expect(calibrator.sampleCount == 1)
    }

    @Test func entropyClipsAHeavyTailButNotAUniformDistribution() throws {
        var generator = SeededGenerator(seed: 4)
        // Laplace(0, 1) samples plus a few outliers at ±60.
        let laplace = (0..<50_000).map { _ -> Float in
            let u = Float.random(in: -0.5..<0.5, using: &generator)
            return (u < 0 ? 1 : -1) * Float(Foundation.log(Double(1 - 2 * abs(u))))
        } + [60, -60, 59]
        let graph = try Self.reluGraph(laplace.count)
        let heavy = try #require(try Calibrator.ranges(of: graph, inputs: [Tensor(shape: [1, laplace.count], floats: laplace)],
                                                       method: .entropy)["x"])
        #expect(heavy.upperBound < 20)
        #expect(heavy.upperBound > 3)
        let uniform = (0..<50_000).map { _ in Float.random(in: -1...1, using: &generator) }
        let flat = try #require(try Calibrator.ranges(of: try Self.reluGraph(uniform.count),
                                                      inputs: [Tensor(shape: [1, 50_000], floats: uniform)], method: .entropy)["x"])
        #expect(flat.upperBound > 0.9)
    }

    @Test func parsesTheCommandLineSpelling() {
        #expect(CalibrationMethod(parsing: "minmax") == .minMax)
        #expect(CalibrationMethod(parsing: "entropy") == .entropy)
        #expect(CalibrationMethod(parsing: "mse") == .meanSquaredError)
        #expect(CalibrationMethod.meanSquaredError.description == "mse")
        #expect(CalibrationMethod(parsing: "percentile") == .percentile(99.99))
        #expect(CalibrationMethod(parsing: "percentile=99.9") == .percentile(99.9))
        #expect(CalibrationMethod(parsing: "percentile=0") == nil)
        #expect(CalibrationMethod(parsing: "percentile=101") == nil)
        #expect(CalibrationMethod(parsing: "kl") == nil)
        #expect(CalibrationMethod.percentile(99.9).description == "percentile=99.9")
    }
}
