import Foundation
import IR
import VGGCKit

/// What `vggc reference` reports: per output its shape and largest elements, plus timings.
struct ReferenceResult: Encodable {
    struct Entry: Encodable {
        var index: Int
        var value: Float
    }

    struct Output: Encodable {
        var name: String
        var shape: [Int]
        var top: [Entry]
    }

    var model: String
    var outputs: [Output]
    /// Wall time of each interpreter run in seconds (model loading excluded).
    var timingsS: [Double]

    enum CodingKeys: String, CodingKey {
        case model, outputs
        case timingsS = "timings_s"
    }

    init(model: String, graph: Graph, outputs: [String: Tensor], top: Int, timings: [Double]) {
        self.model = model
        self.outputs = graph.outputs.map { name in
            let tensor = outputs[name]!
            let values = tensor.floats
            return Output(name: name, shape: tensor.shape.dims,
                          top: Ranking.top(top, of: values).map { Entry(index: $0, value: values[$0]) })
        }
        self.timingsS = timings
    }

    func renderText() -> String {
        var lines: [String] = []
        for output in outputs {
            lines.append("output '\(output.name)' \(Shape(output.shape))")
            for (rank, entry) in output.top.enumerated() {
                lines.append("  #\(rank + 1)  index \(entry.index)  \(entry.value)")
            }
        }
        let times = timingsS.map { String(format: "%.1f ms", $0 * 1000) }.joined(separator: ", ")
        lines.append("float reference: \(times)")
        return lines.joined(separator: "\n")
    }
}
