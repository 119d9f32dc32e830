import Foundation
import VGGCKit

/// What `vggc eval` prints: accuracies, agreement and the per-layer table; in JSON also every
/// image's outcome and each layer's exact sums, so that shard reports merge (`vggc merge`) into
/// exactly the report of the whole run.
struct EvaluationReport: Codable {
    /// One layer's agreement: its cosine and SQNR, then its name, value and exact sums.
    struct Layer: Codable {
        var cosine: Double
        var sqnrDB: Double
        var agreement: LayerAgreement

        init(_ agreement: LayerAgreement) {
            cosine = agreement.cosine
            sqnrDB = agreement.sqnrDB
            self.agreement = agreement
        }

        init(from decoder: Decoder) throws {
            self.init(try LayerAgreement(from: decoder))
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(cosine, forKey: .cosine)
            try container.encode(sqnrDB, forKey: .sqnrDB)
            try agreement.encode(to: encoder)
        }

        enum CodingKeys: String, CodingKey {
            case cosine
            case sqnrDB = "sqnr_db"
        }
    }

    var model: String
    var directory: String
    var arithmetic: String
    /// The hardware config the program was compiled for; the images ran on its accelerator model.
    var target: String
    /// The part of the images evaluated (`I/N`); `nil` for all of them.
    var shard: Shard?
    var images: Int
    var int8Accuracy: Double
    var fp32Accuracy: Double?
    var top1Agreement: Double?
    /// With `--reference-int`: images whose output bytes differ from the integer reference.
    var integerReferenceMismatches: Int?
    var layers: [Layer]?
    /// Every image in input order.
    var results: [ImageEvaluation]

    enum CodingKeys: String, CodingKey {
        case model, directory, arithmetic, target, shard, images, layers, results
        case int8Accuracy = "int8_accuracy"
        case fp32Accuracy = "fp32_accuracy"
        case top1Agreement = "top1_agreement"
        case integerReferenceMismatches = "int_reference_mismatches"
    }

    init(model: String, directory: String, arithmetic: String, target: String, shard: Shard?, result: EvaluationResult) {
        self.model = model
        self.directory = directory
        self.arithmetic = arithmetic
        self.target = target
        self.shard = shard
        images = result.images
        int8Accuracy = result.accuracy
        fp32Accuracy = result.floatAccuracy
        top1Agreement = result.top1Agreement
        integerReferenceMismatches = result.referenceChecks.map { _ in result.referenceMismatches }
        layers = result.layers.isEmpty ? nil : result.layers.map(Layer.init)
        results = result.outcomes
    }

    /// The counts behind the report, as `EvaluationResult.merging` takes them.
    var result: EvaluationResult {
        EvaluationResult(outcomes: results, layers: layers?.map(\.agreement) ?? [], comparesFloat: fp32Accuracy != nil,
                         checksReference: integerReferenceMismatches != nil)
    }

    func renderText() -> String {
        let part = shard.map { " (shard \($0.text))" } ?? ""
        var lines = ["\(model) on \(images) images of \(directory)\(part) (arithmetic \(arithmetic), accelerator model \(target))"]
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
            let width = max(5, layers.map(\.agreement.name.count).max() ?? 0)
            lines.append("")
            lines.append("layer".padding(toLength: width, withPad: " ", startingAt: 0) + "    cosine   SQNR (dB)")
            for layer in layers {
                lines.append(layer.agreement.name.padding(toLength: width, withPad: " ", startingAt: 0)
                             + String(format: "  %8.5f  %9.2f", layer.cosine, layer.sqnrDB))
            }
        }
        return lines.joined(separator: "\n")
    }

    private func percent(_ fraction: Double) -> String {
        String(format: "%6.2f%%", fraction * 100)
    }
}
