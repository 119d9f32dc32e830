import IR
import Accelerator
import Quantization

/// The scheduled program IR: a quantized graph as the accelerator will run it. The backend stages
/// (`BackendPipeline`) decide it step by step — which values stay on chip, tilings, DRAM and SRAM
/// addresses, the instruction stream and its modeled timing — each decision once, and `program`
/// packages the result. `ScheduledProgramVerifier` checks what each completed stage promises;
/// `ScheduledProgramPrinter` and `ScheduledProgramParser` are its text form.
public struct ScheduledProgram: Hashable, Sendable {
    public let graph: QuantizedGraph
    public private(set) var config: HardwareConfig
    public internal(set) var layers: [ScheduledLayer]
    /// The Concat inputs written into their slices by address.
    public let slices: ChannelSlices
    /// The Concat outputs stored channel-shuffled for the ChannelShuffle that reads them.
    public let shuffles: ChannelShuffles
    /// Bytes per stored value and per accumulator entry.
    public let elementBytes: Int
    public let accumulatorBytes: Int
    /// The stages that have run, in pipeline order.
    public internal(set) var completedStages: [BackendStage] = []
    /// The constants' image, the input and output regions and the DRAM size (`place-dram`).
    public internal(set) var dram: Decision<DRAMLayout>
    /// The stream, ending with `END` (`lower`).
    public internal(set) var instructions: Decision<[Instruction]>
    /// Cycles until the last unit finishes on the pipeline timeline (`check`).
    public internal(set) var totalCycles: Decision<Int>

    /// Classifies every layer of `graph` for `config`; throws the graph's `IRError` when it fails
    /// `QuantizedGraph.verify()` and `BackendError.unsupportedLayer` for a layer the accelerator
    /// cannot run.
    public init(graph: QuantizedGraph, config: HardwareConfig) throws {
        try graph.verify()
        self.graph = graph
        self.config = config
        elementBytes = graph.arithmetic.storageType == .int8 ? 1 : 4
        accumulatorBytes = graph.arithmetic == .de1socQ10 ? 8 : 4
        let slices = ChannelSlices(graph: graph)
        self.slices = slices
        let shuffles = ChannelShuffles(graph: graph)
        self.shuffles = shuffles
        var dims: [String: [Int]] = [graph.input.name: graph.input.dims]
        layers = try graph.layers.map { layer in
            let inputDims = layer.inputs.map { dims[$0] ?? [] }
            dims[layer.output] = layer.dims
            return ScheduledLayer(layer: layer, inputDims: inputDims,
                                  work: try LayerClassifier.work(of: layer, operandDims: inputDims, slices: slices, shuffles: shuffles,
                                                                 mode: graph.arithmetic, target: config))
        }
        dram = Decision("the DRAM layout", of: nil, by: .placeDRAM)
        instructions = Decision("the instruction stream", of: nil, by: .lower)
        totalCycles = Decision("the total modeled cycles", of: nil, by: .check)
    }

    /// The same graph, nothing decided, on `config`. Classification reads only the config's
    /// features and, for a plain convolution, whether folding its kernel pays on the array
    /// (`LayerClassifier.refolded`), so with the same features the layers' work is kept, refolded,
    /// rather than worked out again (a design-space sweep, which would otherwise re-check every
    /// weight per config).
    public func retargeted(to config: HardwareConfig) throws -> ScheduledProgram {
        guard config.features == self.config.features, completedStages.isEmpty else {
            return try ScheduledProgram(graph: graph, config: config)
        }
        var program = self
        program.config = config
        program.layers = layers.map { layer in
            guard case .gemm(let gemm) = layer.work else { return layer }
            let work = LayerWork.gemm(LayerClassifier.refolded(gemm, target: config, elementBytes: elementBytes))
            return work == layer.work ? layer : ScheduledLayer(layer: layer.layer, inputDims: layer.inputs.map(\.dims), work: work)
        }
        return program
    }

    /// The layer names by index.
    public var layerNames: [String] { layers.map(\.layer.name) }

    /// Whether every stage has run, so that `program` can be packaged.
    public var isComplete: Bool { completedStages == BackendStage.allCases }
}
