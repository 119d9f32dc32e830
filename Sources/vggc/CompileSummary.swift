import IR
import Accelerator
import Runtime

/// The JSON form of `vggc compile --json`: how each stage changed the graph, and the final layers.
struct CompileSummary: Encodable {
    struct Stage: Encodable {
        var name: String
        var nodes: Int
    }

    struct Layer: Encodable {
        var name: String
        var op: String
        var inputs: [String]
        var outputs: [String]
        /// Output types as printed in the IR (`f32[1,64,224,224]`).
        var types: [String]
    }

    /// The program the backend produced, when it ran.
    struct Program: Encodable {
        var target: String
        var totalCycles: Int
        var instructions: Int
        var layers: [ProgramLayer]
    }

    var model: String
    var stages: [Stage]
    var program: Program?
    var inputs: [String: String]
    var outputs: [String]
    var layers: [Layer]

    init(model: String, stages: [Stage], graph: Graph, program: Program? = nil) {
        self.model = model
        self.stages = stages
        self.program = program
        self.inputs = Dictionary(uniqueKeysWithValues: graph.inputs.map { ($0.name, $0.type.description) })
        self.outputs = graph.outputs
        self.layers = graph.nodes.map { node in
            Layer(name: node.name, op: node.op.operatorName, inputs: node.inputs, outputs: node.outputs,
                  types: node.outputs.map { graph.types[$0]?.description ?? "?" })
        }
    }
}
