import Foundation
import VGGCKit

/// What `vggc eval` prints: accuracies, agreement and the per-layer table.
struct EvaluationReport: Encodable {
    struct Layer: Encodable {
        var name: String
        var cosine: Double
        var sqnrDB: Double

        enum CodingKeys: String, CodingKey {
            case name, cosine
            case sqnrDB = "sqnr_db"
        }
    }

    var model: String
    var directory: String
    var arithmetic: String
    /// The hardware config the program was compiled for; the images ran on its accelerator model.
    var target: String
    var images: Int
    var int8Accuracy: Double
    var fp32Accuracy: Double?
    var top1Agreement: Double?
    /// With `--reference-int`: images whose output bytes differ from the integer reference.
    var integerReferenceMismatches: Int?
    var layers: [Layer]?

    enum CodingKeys: String, CodingKey {
        case model, directory, arithmetic, target, images, layers
        case int8Accuracy = "int8_accuracy"
        case fp32Accuracy = "fp32_accuracy"
        case top1Agreement = "top1_agreement"
        case integerReferenceMismatches = "int_reference_mismatches"
    }

    init(model: String, directory: String, arithmetic: String, target: String, result: EvaluationResult) {
        self.model = model
        self.directory = directory
        self.arithmetic = arithmetic
        self.target = target
        images = result.images
        int8Accuracy = result.accuracy
        fp32Accuracy = result.floatAccuracy
        top1Agreement = result.top1Agreement
        integerReferenceMismatches = result.referenceChecks.map { _ in result.referenceMismatches }
        layers = result.layers.isEmpty ? nil : result.layers.map { Layer(name: $0.name, cosine: $0.cosine, sqnrDB: $0.sqnrDB) }
    }

    func renderText() -> String {
        var lines = ["\(model) on \(images) images of \(directory) (arithmetic \(arithmetic), accelerator model \(target))"]
        let integer = arithmetic == "de1soc-q10" ? "Q10 " : "int8"
        lines.append("\(integer) top-1 accuracy   \(percent(int8Accuracy))")
        if let integerReferenceMismatches {
            lines.append("integer reference     " + (integerReferenceMismatches == 0
                ? "every image's output bytes equal" : "\(integerReferenceMismatches) of \(images) images differ"))
        }
        if let fp32Accuracy, let top1Agreement {
            lines.append("fp32 top-1 accuracy   \(percent(fp32Accuracy))")
            lines.append("\(integer) - fp32           \(String(format: "%+.2f", (int8Accuracy - fp32Accuracy) * 100)) points")
            lines.append("top-1 agreement       \(percent(top1Agreement))")
        }
        if let layers {
            let width = max(5, layers.map(\.name.count).max() ?? 0)
            lines.append("")
            lines.append("layer".padding(toLength: width, withPad: " ", startingAt: 0) + "    cosine   SQNR (dB)")
            for layer in layers {
                lines.append(layer.name.padding(toLength: width, withPad: " ", startingAt: 0)
                             + String(format: "  %8.5f  %9.2f", layer.cosine, layer.sqnrDB))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func percent(_ fraction: Double) -> String {
        String(format: "%6.2f%%", fraction * 100)
    }
}
