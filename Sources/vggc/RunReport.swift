import Foundation
import Runtime
import Accelerator

/// What `vggc run MODEL.bin IMAGE` prints: the top classes of each output, what the hardware
/// spent, optionally the per-layer table, and (in JSON) the raw output vectors.
struct RunReport: Encodable {
    /// One of the `top` classes of an output.
    struct Prediction: Encodable {
        var rank: Int
        var classIndex: Int
        var label: String
        var score: Float

        enum CodingKeys: String, CodingKey {
            case rank, label, score
            case classIndex = "class"
        }
    }

    /// The top classes of one graph output.
    struct OutputPredictions: Encodable {
        var output: String
        /// `probability` when the host softmax ran, else `dequantized` (the raw scores).
        var scoreKind: String
        var top: [Prediction]

        enum CodingKeys: String, CodingKey {
            case output, top
            case scoreKind = "score_kind"
        }
    }

    /// A graph output's full vector: stored integers, dequantized floats, and probabilities.
    struct RawOutput: Encodable {
        var name: String
        var shape: [Int]
        var stored: [Int32]
        var dequantized: [Float]
        var probabilities: [Float]?
    }

    var model: String
    var image: String
    var predictions: [OutputPredictions]
    var hardware: HardwareFigures
    var layers: [LayerStatistics.Row]?
    var outputs: [RawOutput]

    init(model: String, image: String, inference: Inference, labels: [String], top: Int, statistics: LayerStatistics,
         config: HardwareConfig, includeLayers: Bool) {
        self.model = model
        self.image = image
        predictions = inference.outputs.map { output in
            OutputPredictions(output: output.name, scoreKind: output.probabilities == nil ? "dequantized" : "probability",
                              top: output.top(top).enumerated().map { rank, index in
                                  Prediction(rank: rank + 1, classIndex: index, label: Self.label(index, labels: labels),
                                             score: output.scores[index])
                              })
        }
        hardware = HardwareFigures(statistics: statistics, config: config)
        layers = includeLayers ? statistics.rows : nil
        outputs = inference.outputs.map {
            RawOutput(name: $0.name, shape: $0.dims, stored: $0.stored, dequantized: $0.values, probabilities: $0.probabilities)
        }
    }

    /// The class name stored with the model, else the index.
    static func label(_ index: Int, labels: [String]) -> String {
        labels.indices.contains(index) ? labels[index] : String(index)
    }

    func renderText() -> String {
        var lines = ["\(model) on \(image)"]
        for output in predictions {
            lines.append("")
            lines.append("output \(output.output): top \(output.top.count) by "
                         + (output.scoreKind == "probability" ? "probability (host softmax)" : "dequantized score (the model has no softmax)"))
            for prediction in output.top {
                let name = prediction.label == String(prediction.classIndex) ? "" : "  \(prediction.label)"
                lines.append(String(format: "  %2d. class %-5d %10.6f", prediction.rank, prediction.classIndex, prediction.score) + name)
            }
        }
        lines.append("")
        lines += hardware.renderText()
        if let layers {
            lines.append("")
            lines += LayerStatistics.renderTable(layers)
        }
        return lines.joined(separator: "\n")
    }
}
