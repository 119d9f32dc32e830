import Backend
import IR
import Quantization

/// What one compiler stage produced, as `Compiler` hands it to its observer: the float graph after
/// a graph stage, the quantized graph after `quantize`, the scheduled program after a backend stage.
public enum StageResult: Hashable, Sendable {
    case graph(Graph)
    case quantized(QuantizedGraph)
    /// The program after a backend stage (the printer shows what the stages so far decided).
    case scheduled(ScheduledProgram)

    /// The result's text form, as `vggc compile --dump-ir` prints it: the IR text form
    /// (docs/IR.md), the quantized graph, or the scheduled program.
    public var text: String {
        switch self {
        case .graph(let graph): return IRPrinter.print(graph)
        case .quantized(let graph): return QuantizedGraphPrinter.print(graph)
        case .scheduled(let program): return ScheduledProgramPrinter.print(program)
        }
    }

    /// Nodes of the graph, layers of the quantized graph or of the program.
    public var nodeCount: Int {
        switch self {
        case .graph(let graph): return graph.nodes.count
        case .quantized(let graph): return graph.layers.count
        case .scheduled(let program): return program.layers.count
        }
    }
}
