import Foundation
import Accelerator
import Quantization
import VGGCKit

/// The quantized graph a sweep schedules, from the model the user names.
public enum ExplorationModel {
    /// An `.onnx` is imported and quantized once, data-free, in `arithmetic` (timing does not
    /// depend on the scales, only on shapes); a compiled `.bin` carries its quantized graph (its
    /// QGRF section) and weights, so it is swept as is, in the arithmetic it was compiled in.
    /// Throws `ExplorationError.unsupportedModel` for another extension, and what loading throws.
    public static func graph(at url: URL, arithmetic: ArithmeticMode, target: HardwareConfig) throws -> QuantizedGraph {
        switch url.pathExtension.lowercased() {
        case "bin":
            return try CompiledModel.load(url).graph
        case "onnx", "json":
            let options = CompileOptions(target: target, calibration: .dataFree, arithmetic: arithmetic, verify: false,
                                         stopAfter: Compiler.quantizeStage.name)
            var quantized: QuantizedGraph?
            _ = try Compiler(options: options).compile(modelAt: url) { event in
                if case .finished(_, .quantized(let graph)) = event { quantized = graph }
            }
            guard let quantized else { throw ExplorationError.unsupportedModel(path: url.path) }
            return quantized
        default:
            throw ExplorationError.unsupportedModel(path: url.path)
        }
    }
}
