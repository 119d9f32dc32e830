import IR
import Accelerator
import Quantization

/// The scheduled program IR: a quantized graph as the accelerator will run it. The backend passes
/// (`BackendPipeline`) fill it in step by step — which values stay on chip, tilings, DRAM and SRAM
/// addresses, the instruction stream and its modeled timing — and `program` packages the result.
public struct ScheduledProgram: Hashable, Sendable {
    public var graph: QuantizedGraph
    public var config: HardwareConfig
    public var layers: [ScheduledLayer]
    /// Bytes per stored value and per accumulator entry.
    public var elementBytes: Int
    public var accumulatorBytes: Int
    /// The DRAM image of constants (`place-dram`), and the total DRAM the program addresses.
    public var constants: [UInt8] = []
    public var dramBytes = 0
    public var input: DRAMTensor
    public var outputs: [DRAMTensor] = []
    /// The stream (`lower`).
    public var instructions: [Instruction] = []
    /// Per layer: modeled cycles on the pipeline timeline (`check`).
    public var modeledCycles: [Int] = []
    public var totalCycles = 0

    /// Classifies every layer of `graph` for `config`; throws the graph's `IRError` when it fails
    /// `QuantizedGraph.verify()` and `BackendError.unsupportedLayer` for a layer the accelerator
    /// cannot run.
    public init(graph: QuantizedGraph, config: HardwareConfig) throws {
        try graph.verify()
        self.graph = graph
        self.config = config
        elementBytes = graph.arithmetic.storageType == .int8 ? 1 : 4
        accumulatorBytes = graph.arithmetic == .de1socQ10 ? 8 : 4
        input = DRAMTensor(name: graph.input.name, address: 0, dims: graph.input.dims, elementBytes: elementBytes)
        var dims: [String: [Int]] = [graph.input.name: graph.input.dims]
        layers = try graph.layers.map { layer in
            let inputDims = dims[layer.inputs[0]] ?? []
            dims[layer.output] = layer.dims
            return ScheduledLayer(layer: layer, inputDims: inputDims,
                                  work: try LayerClassifier.work(of: layer, inputDims: inputDims, mode: graph.arithmetic, target: config))
        }
    }

    /// The layer names by index.
    public var layerNames: [String] { layers.map(\.layer.name) }

    /// The SRAM budget of layer `index` given the values kept on chip around it.
    func budget(forLayer index: Int) -> LayerBudget {
        let layer = layers[index]
        let resident = (layer.inputOnChip.map(residentBytes) ?? 0) + (layer.outputOnChip.map(residentBytes) ?? 0)
        return LayerBudget(inputBytes: (config.buffer(.input)?.bytes ?? 0) - resident,
                           weightBytes: config.buffer(.weight)?.bytes ?? 0,
                           accumulatorBytes: config.buffer(.accumulator)?.bytes ?? 0,
                           outputBytes: config.buffer(.output)?.bytes ?? 0,
                           elementBytes: elementBytes, accumulatorEntryBytes: accumulatorBytes,
                           inputResident: layer.inputOnChip != nil, outputResident: layer.outputOnChip != nil)
    }

    /// Bytes a value kept on chip occupies: its consumer's whole padded input box.
    func residentBytes(_ tensor: SRAMTensor) -> Int {
        TileFootprint.aligned(LayerClassifier.planes(tensor.dims).channels * tensor.planePitch * tensor.elementBytes)
    }

    /// The packaged program, once every pass has run.
    public var program: AcceleratorProgram {
        AcceleratorProgram(
            instructions: instructions,
            layers: layers.enumerated().map { index, layer in
                let g = layer.work.geometry
                let compulsory = compulsoryBytes(layer)
                let peak = Double(config.array.macsPerCycle)
                let roofline = max(Double(layer.macs) / peak, Double(compulsory) / config.dram.bytesPerCycle)
                return ProgramLayer(
                    name: layer.layer.name, op: layer.layer.op.operatorName, firstInstruction: layer.instructions.lowerBound,
                    instructionCount: layer.instructions.count, dramOutput: layer.outputDRAM,
                    sramOutput: layer.outputOnChip, macs: layer.macs,
                    modeledCycles: index < modeledCycles.count ? modeledCycles[index] : 0,
                    rooflineCycles: Int(roofline.rounded(.up)), dramBytes: dramTraffic(layer), compulsoryBytes: compulsory,
                    tiling: layer.tile.map { TilingDescription.text($0, geometry: g) } ?? "",
                    weightAddress: layer.weightShape == nil ? nil : layer.weightAddress, weightShape: layer.weightShape)
            },
            constants: constants, dramBytes: dramBytes, input: input, outputs: outputs,
            elementBytes: elementBytes, accumulatorBytes: accumulatorBytes)
    }

    /// Bytes the layer must move at least: its input unless on chip, its constants, its output
    /// unless kept on chip.
    func compulsoryBytes(_ layer: ScheduledLayer) -> Int {
        guard layer.work.geometry != nil else { return 0 }
        let input = layer.inputOnChip == nil ? layer.inputDims.reduce(1, *) * elementBytes : 0
        let output = layer.outputOnChip == nil ? layer.layer.dims.reduce(1, *) * elementBytes : 0
        return input + layer.constantBytes + output
    }

    /// Bytes its loads and stores move.
    func dramTraffic(_ layer: ScheduledLayer) -> Int {
        instructions[layer.instructions].reduce(0) { total, instruction in
            switch instruction {
            case .load(let load): return total + load.dramBytes
            case .store(let store): return total + store.bytes
            default: return total
            }
        }
    }
}
