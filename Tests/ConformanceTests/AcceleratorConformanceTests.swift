import Backend
import Foundation
import Frontend
import IR
import Runtime
import Testing
import Accelerator
import Quantization

/// Every network of the corpus compiled for every preset (in the preset's arithmetic) and run on
/// the accelerator model: the output bytes must equal the integer reference's, and on the small
/// networks every layer's bytes too. A preset without LUT activations must refuse a network with a
/// sigmoid; the network then runs on that preset with the lookup-table stage added. Prints the
/// network × preset table of modeled cycles.
@Suite("Compiled networks on every preset", .serialized)
struct AcceleratorConformanceTests {
    @Test func everyNetworkOnEveryPresetIsBitExact() throws {
        var table: [String] = ["network       " + HardwareConfig.presets.map { $0.name.padding(toLength: 14, withPad: " ", startingAt: 0) }.joined()]
        for (name, path) in CompiledNetwork.corpus {
            let network = try CompiledNetwork(name: name, path: path)
            var cycles: [String: Int] = [:]
            for arithmetic in Self.arithmetics {
                let graph = try network.quantized(arithmetic)
                let input = try CompiledNetwork.storedInput(for: graph, seed: 7)
                let reference = try Self.referenceLayers(graph, input: input, everyLayer: CompiledNetwork.small.contains(name))
                for config in HardwareConfig.presets where config.arithmetic == arithmetic {
                    let scheduled = try Self.schedule(graph, on: config)
                    cycles[config.name] = try scheduled.totalCycles.value
                    try Self.expectBitExact(scheduled, input: input, reference: reference, label: "\(name) on \(config.name)")
                }
            }
            table.append(name.padding(toLength: 14, withPad: " ", startingAt: 0)
                         + HardwareConfig.presets.map { String(cycles[$0.name] ?? 0).padding(toLength: 14, withPad: " ", startingAt: 0) }.joined())
        }
        print("modeled cycles per image\n" + table.joined(separator: "\n"))
    }

    /// The pre-quantized (QDQ) models Scripts/make_qdq_models.py generates keep their own scales,
    /// so they run on the presets whose datapath is the default arithmetic.
    @Test(arguments: QDQComparisonTests.cases)
    func preQuantizedNetworksAreBitExact(_ testCase: QDQComparisonTests.Case) throws {
        try QDQComparisonTests.ensureGeneratedFiles()
        let imported = try ONNXModelFile.load(QDQComparisonTests.file("\(testCase.testDescription).onnx")).importGraph()
        let graph = try QDQQuantizer.quantize(imported: imported, options: QuantizationOptions())
        let input = try CompiledNetwork.storedInput(for: graph, seed: 11)
        let reference = try Self.referenceLayers(graph, input: input, everyLayer: true)
        for config in HardwareConfig.presets where config.arithmetic == .standard {
            let scheduled = try Self.schedule(graph, on: config)
            try Self.expectBitExact(scheduled, input: input, reference: reference, label: "\(testCase.testDescription) on \(config.name)")
        }
    }

    /// `graph` through the backend for `config`. A config without LUT activations must refuse a
    /// graph with table layers; the graph is then scheduled for `config` with the lookup-table stage,
    /// so that the tables' lowering stays checked on every preset's geometry.
    static func schedule(_ graph: QuantizedGraph, on config: HardwareConfig) throws -> ScheduledProgram {
        guard !config.features.lutActivations, graph.layers.contains(where: needsLookupTable) else {
            return try BackendPipeline.standard.run(try ScheduledProgram(graph: graph, config: config), verify: true)
        }
        #expect(throws: BackendError.self, "\(graph.name) on \(config.name): a table layer without a lookup-table stage") {
            try ScheduledProgram(graph: graph, config: config)
        }
        var withTables = config
        withTables.features.lutActivations = true
        return try BackendPipeline.standard.run(try ScheduledProgram(graph: graph, config: withTables), verify: true)
    }

    /// Whether the layer runs from a table: a lookup table or the piecewise-linear sigmoid.
    static func needsLookupTable(_ layer: QuantizedLayer) -> Bool {
        if case .lookupTable = layer.op { return true }
        if case .piecewiseLinearSigmoid = layer.op { return true }
        return false
    }

    /// The arithmetic modes the presets implement, in preset order without repeats.
    static var arithmetics: [ArithmeticMode] {
        HardwareConfig.presets.map(\.arithmetic).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// The integer reference's stored value of every layer (or only the graph outputs).
    static func referenceLayers(_ graph: QuantizedGraph, input: [Int32], everyLayer: Bool) throws -> [String: [Int32]] {
        let interpreter = IntegerInterpreter(graph: graph)
        let tensor = Tensor(shape: Shape(graph.input.dims), floats: input.map { graph.input.params.dequantize($0) })
        var values: [String: [Int32]] = [:]
        let outputs = try interpreter.runStored(tensor) { layer, output in
            if everyLayer { values[layer.name] = output.int64s.map { Int32($0) } }
        }
        for output in graph.outputs { values["output:" + output.name] = outputs[output.name]?.int64s.map { Int32($0) } }
        return values
    }

    static func expectBitExact(_ scheduled: ScheduledProgram, input: [Int32], reference: [String: [Int32]], label: String) throws {
        let accelerator = try AcceleratorModel(program: try scheduled.program, config: scheduled.config)
        #expect(try accelerator.timeline.totalCycles == scheduled.totalCycles.value, "\(label): runtime and compiler timelines differ")
        var mismatched: [String] = []
        let run = try accelerator.run(input: input) { layer, values in
            if let expected = reference[layer.name], expected != values { mismatched.append(layer.name) }
        }
        #expect(mismatched.isEmpty, "\(label): layers differ from the integer reference: \(mismatched)")
        for (name, values) in zip(run.outputNames, run.outputs) {
            #expect(values == reference["output:" + name], "\(label): output \(name) differs from the integer reference")
        }
    }
}
