import Foundation
import Runtime
import Accelerator
import VGGCKit

/// What `vggc run MODEL.bin IMAGE` prints: the top classes of each output, what the hardware
/// spent, optionally the per-layer table, and (in JSON) the raw output vectors.
struct RunReport: Encodable {
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
    var predictions: [RankedOutput]
    var hardware: HardwareFigures
    var layers: [LayerStatistics.Row]?
    var outputs: [RawOutput]

    init(model: String, image: String, inference: Inference, predictions: [RankedOutput], statistics: LayerStatistics,
         config: HardwareConfig, includeLayers: Bool) {
        self.model = model
        self.image = image
        self.predictions = predictions
        hardware = HardwareFigures(statistics: statistics, config: config)
        layers = includeLayers ? statistics.rows : nil
        outputs = inference.outputs.map {
            RawOutput(name: $0.name, shape: $0.dims, stored: $0.stored, dequantized: $0.values, probabilities: $0.probabilities)
        }
    }

    func renderText() -> String {
        var lines = ["\(model) on \(image)"]
        for output in predictions {
            lines.append("")
            lines.append("output \(output.output): top \(output.top.count) by "
                         + (output.scoreKind == .probability ? "probability (host softmax)" : "dequantized score (the model has no softmax)"))
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
