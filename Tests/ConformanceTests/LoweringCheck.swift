import Backend
import IR
import Testing
import Accelerator
import Quantization

/// A small hand-built graph compiled for one preset and run on the accelerator model, every layer
/// compared with `IntegerInterpreter`: the shared body of the lowering tests.
enum LoweringCheck {
    /// Compiles `graph` for `config` (verified after every stage), runs it on a seeded input and
    /// expects every layer and output bit-exact; returns the program and the reference's layers.
    @discardableResult
    static func bitExact(_ graph: QuantizedGraph, on config: HardwareConfig, seed: UInt64,
                         sourceLocation: SourceLocation = #_sourceLocation) throws -> (scheduled: ScheduledProgram, input: [Int32],
                                                                                       reference: [String: [Int32]]) {
        let input = try CompiledNetwork.storedInput(for: graph, seed: seed)
        let reference = try AcceleratorConformanceTests.referenceLayers(graph, input: input, everyLayer: true)
        let scheduled = try BackendPipeline.standard.run(try ScheduledProgram(graph: graph, config: config), verify: true)
        try AcceleratorConformanceTests.expectBitExact(scheduled, input: input, reference: reference,
                                                       label: "\(graph.name) on \(config.name)")
        return (scheduled, input, reference)
    }
}
