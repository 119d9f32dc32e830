import Foundation
import Frontend
import IR
import TestSupport
import Calibration
import Quantization

/// A network of the test corpus taken from ONNX to a quantized graph: the standard graph passes
/// once, then a short data-free calibration (two samples, no images) and quantization per
/// arithmetic, so that one canonical graph serves every arithmetic. (`Compiler` in VGGCKit is the
/// whole driver; these tests need only its front half, many times over.)
struct CompiledNetwork {
    /// The shipped trained models and the zoo's 224×224 exports.
    static let corpus: [(name: String, path: URL)] = [
        ("lenet", GeneratedFiles.repositoryRoot.appendingPathComponent("models/lenet_de1soc.onnx")),
        ("vgg16_mnist", GeneratedFiles.repositoryRoot.appendingPathComponent("models/vgg16_mnist.onnx")),
    ] + ZooTests.models.map { ($0, ZooTests.file($0, "onnx")) }

    /// Networks small enough to compare every layer's output.
    static let small: Set<String> = ["lenet", "vgg16_mnist"]

    let name: String
    let canonical: Graph
    let imported: Graph

    init(name: String, path: URL) throws {
        if ZooTests.models.contains(name) { try ZooTests.ensureGeneratedFiles(name) }
        self.name = name
        imported = try ONNXModelFile.load(path).importGraph()
        canonical = try PassPipeline.standard.run(imported, verify: true) { _, _ in }
    }

    /// The graph quantized in `arithmetic`, calibrated data-free on two synthetic inputs.
    func quantized(_ arithmetic: ArithmeticMode) throws -> QuantizedGraph {
        let preprocessing = Preprocessing.defaults(for: canonical.inputs[0].type)
        let ranges = try DataFreeCalibration.ranges(of: canonical, imported: imported, preprocessing: preprocessing, samples: 2)
        return try Quantizer.quantize(canonical, ranges: ranges,
                                      options: QuantizationOptions(arithmetic: arithmetic, weightGranularity: .perChannel))
    }

    /// A seeded random input in the preprocessed range, quantized as the host does.
    static func storedInput(for graph: QuantizedGraph, seed: UInt64) throws -> [Int32] {
        var generator = SeededGenerator(seed: seed)
        let count = graph.input.dims.reduce(1, *)
        let floats = (0..<count).map { _ in Float.random(in: -1...1, using: &generator) }
        return try graph.quantizeInput(Tensor(shape: Shape(graph.input.dims), floats: floats))
    }
}
