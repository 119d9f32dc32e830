import ArgumentParser
import Foundation
import Calibration
import Quantization
import VGGCKit

/// Calibration and quantization flags of `vggc compile`.
struct QuantizationFlags: ParsableArguments {
    @Option(help: ArgumentHelp("A directory of calibration images (PNG, JPEG, PPM/PGM). Without it, vggc calibrates data-free.", valueName: "dir"))
    var calib: String?

    @Option(help: "Use at most this many calibration images (the first ones by file name).")
    var calibCount = 200

    @Option(help: ArgumentHelp("Calibration method: minmax (default), percentile[=P] (P defaults to 99.99) entropy (KL divergence, as TensorRT) or mse (the threshold of least expected squared error).", valueName: "method"))
    var calibration = "minmax"

    @Option(help: ArgumentHelp("Integer arithmetic: \(ArithmeticMode.allCases.map(\.rawValue).joined(separator: ", ")). Defaults to the target's (features.arithmetic).", valueName: "mode"))
    var arith: ArithmeticMode?

    @Flag(help: "Quantize weights per tensor instead of per output channel.")
    var perTensorWeights = false

    @Option(help: ArgumentHelp("Class names, one per line, stored with the model.", valueName: "file"))
    var labels: String?

    func validate() throws {
        guard CalibrationMethod(parsing: calibration) != nil else {
            throw ValidationError("--calibration '\(calibration)': use minmax, percentile, percentile=P (0 < P ≤ 100), entropy or mse")
        }
        try validating { try calibrationSource.validate() }
    }

    var method: CalibrationMethod { CalibrationMethod(parsing: calibration)! }

    /// `--calib` with its count and method, or data-free.
    var calibrationSource: CalibrationSource {
        calib.map { .images(directory: URL(fileURLWithPath: $0), count: calibCount, method: method) } ?? .dataFree
    }

    var weightGranularity: QuantizationOptions.WeightGranularity { perTensorWeights ? .perTensor : .perChannel }

    /// The class names from `--labels`, or none.
    func classLabels() throws -> [String] {
        try labels.map { try ClassLabels.load(URL(fileURLWithPath: $0)) } ?? []
    }
}

extension ArithmeticMode: ExpressibleByArgument {}
