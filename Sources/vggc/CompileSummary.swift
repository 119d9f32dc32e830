import Accelerator
import VGGCKit

/// The JSON form of `vggc compile --json`: how each stage changed the graph, the final float
/// graph's layers and, when the backend ran, the program's per-layer table.
struct CompileSummary: Encodable {
    /// The program the backend produced.
    struct Program: Encodable {
        var target: String
        var totalCycles: Int
        var instructions: Int
        var layers: [ProgramLayer]
    }

    var model: String
    var stages: [StageSummary]
    var program: Program?
    var inputs: [String: String]
    var outputs: [String]
    var layers: [GraphOutline.Layer]

    init(model: String, compilation: Compilation) {
        self.model = model
        stages = compilation.stages
        // Only a program every backend stage ran on has a stream and a timing.
        program = compilation.model.flatMap { model in
            (try? compilation.scheduled?.totalCycles.value).map { cycles in
                Program(target: model.config.name, totalCycles: cycles, instructions: model.program.instructions.count,
                        layers: model.program.layers)
            }
        }
        inputs = compilation.graph.inputs
        outputs = compilation.graph.outputs
        layers = compilation.graph.layers
    }
}
