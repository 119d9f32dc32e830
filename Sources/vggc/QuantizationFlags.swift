import ArgumentParser
import Foundation
import IR
import Calibration
import Quantization

/// Calibration and quantization flags of `vggc compile`.
struct QuantizationFlags: ParsableArguments {
    @Option(help: ArgumentHelp("A directory of calibration images (PNG, JPEG, PPM/PGM). Without it, vggc calibrates data-free.", valueName: "dir"))
    var calib: String?

    @Option(help: "Use at most this many calibration images (the first ones by file name).")
    var calibCount = 200

    @Option(help: ArgumentHelp("Calibration method: minmax (default), percentile[=P] (P defaults to 99.99) or entropy (KL divergence, as TensorRT).", valueName: "method"))
    var calibration = "minmax"

    @Option(help: ArgumentHelp("Integer arithmetic: \(ArithmeticMode.allCases.map(\.rawValue).joined(separator: ", ")). Defaults to the target's (features.arithmetic).", valueName: "mode"))
    var arith: ArithmeticMode?

    @Flag(help: "Quantize weights per tensor instead of per output channel.")
    var perTensorWeights = false

    @Option(help: ArgumentHelp("Class names, one per line, stored with the model.", valueName: "file"))
    var labels: String?

    func validate() throws {
        guard calibCount >= 1 else { throw ValidationError("--calib-count must be at least 1") }
        guard CalibrationMethod(parsing: calibration) != nil else {
            throw ValidationError("--calibration '\(calibration)': use minmax, percentile, percentile=P (0 < P ≤ 100) or entropy")
        }
    }

    var method: CalibrationMethod { CalibrationMethod(parsing: calibration)! }

    /// The quantization options, with `targetArithmetic` unless `--arith` names another mode.
    func options(targetArithmetic: ArithmeticMode) -> QuantizationOptions {
        QuantizationOptions(arithmetic: arith ?? targetArithmetic, weightGranularity: perTensorWeights ? .perTensor : .perChannel)
    }

    /// The class names from `--labels`, or none.
    func classLabels() throws -> [String] {
        guard let labels else { return [] }
        do {
            return try String(contentsOfFile: labels, encoding: .utf8)
                .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        } catch {
            throw ValidationError("--labels \(labels): cannot read the file")
        }
    }
}

extension ArithmeticMode: ExpressibleByArgument {}
