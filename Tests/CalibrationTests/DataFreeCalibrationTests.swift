@testable import IR
import Testing
import TestSupport
@testable import Calibration
import Quantization

@Suite("DataFreeCalibration")
struct DataFreeCalibrationTests {
    @Test func batchNormStatisticsSetTheFusedLayerRange() throws {
        let imported = try ShapeInference.infer(SampleGraphs.smallCNN(seed: 1))
        let canonical = try SampleGraphs.canonical(imported)
        let preprocessing = Preprocessing.defaults(for: TensorType(.float32, [1, 3, 8, 8]))
        let ranges = try DataFreeCalibration.ranges(of: canonical, imported: imported, preprocessing: preprocessing, standardDeviations: 3)
        let gamma = imported.initializers["gamma"]!.floats, beta = imported.initializers["beta"]!.floats
        let high = zip(beta, gamma).map { max($0 + 3 * abs($1), 0) }.max()!
        let low = zip(beta, gamma).map { max($0 - 3 * abs($1), 0) }.min()!
        #expect(ranges["r1"] == low...high)  // BN → ReLU, fused into conv1 under the ReLU's name
        #expect(ranges["p1"] == low...high)  // max pooling keeps it
        #expect(ranges["input"] == 0...1)
        #expect(ranges["r2"] != nil && ranges["logits"] != nil)  // no BN: synthetic
        _ = try Quantizer.quantize(canonical, ranges: ranges, options: QuantizationOptions())
    }

    @Test func syntheticInputsFollowThePreprocessingPerChannel() {
        let preprocessing = Preprocessing(color: .rgb, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], height: 4, width: 4)
        var generator = SeededGenerator(seed: 9)
        let tensor = DataFreeCalibration.syntheticInput([1, 3, 4, 4], preprocessing: preprocessing, using: &generator)
        let values = tensor.floats
        for channel in 0..<3 {
            let range = preprocessing.valueRange(channel: channel)
            #expect(values[(channel * 16)..<((channel + 1) * 16)].allSatisfy { range.contains($0) })
        }
        var again = SeededGenerator(seed: 9)
        #expect(DataFreeCalibration.syntheticInput([1, 3, 4, 4], preprocessing: preprocessing, using: &again) == tensor)
    }
}
