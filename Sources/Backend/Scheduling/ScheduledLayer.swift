import IR
import Accelerator
import Quantization

/// One layer of the scheduled program IR: the quantized layer, what it asks of the accelerator, the
/// values it reads and writes, and what the backend stages decided for it — each `Decision` set
/// once, by its stage: where its operands live (`residency`), its tiling (`tile`), the DRAM
/// addresses of its operands and constants (`place-dram`), its SRAM slots and on-chip values
/// (`allocate`), its instructions (`lower`) and its modeled cycles (`check`).
public struct ScheduledLayer: Hashable, Sendable {
    public let layer: QuantizedLayer
    public let work: LayerWork
    /// The values it reads, in the quantized layer's input order.
    public internal(set) var inputs: [LayerOperand]
    /// The value it writes.
    public internal(set) var output: LayerOperand
    /// Layers with a geometry: the tiles and loop order.
    public internal(set) var tiling: Decision<TileChoice>
    /// Layers that read constants: where they start in DRAM.
    public internal(set) var constants: Decision<ConstantPlacement>
    /// Layers with a geometry: the SRAM slots.
    public internal(set) var buffers: Decision<BufferPlan>
    /// Its instructions in the program's stream (empty for a reshape).
    public internal(set) var instructions: Decision<Range<Int>>
    /// Modeled cycles on the pipeline timeline, from the end of the previous layer's last
    /// instruction to the end of its own.
    public internal(set) var modeledCycles: Decision<Int>

    /// A layer nothing has been decided for; `inputDims` holds the shape of each input.
    init(layer: QuantizedLayer, inputDims: [[Int]], work: LayerWork) {
        self.layer = layer
        self.work = work
        inputs = zip(layer.inputs, inputDims).enumerated().map { position, input in
            LayerOperand(value: input.0, dims: input.1, role: "input \(position)", layer: layer.name)
        }
        output = LayerOperand(value: layer.output, dims: layer.dims, role: "output", layer: layer.name)
        tiling = Decision("the tiling", of: layer.name, by: .tile)
        constants = Decision("the DRAM address of its constants", of: layer.name, by: .placeDRAM)
        buffers = Decision("the SRAM slots", of: layer.name, by: .allocate)
        instructions = Decision("the instructions", of: layer.name, by: .lower)
        modeledCycles = Decision("the modeled cycles", of: layer.name, by: .check)
    }

    /// Bytes of constants the layer reads from DRAM.
    public var constantBytes: Int {
        switch work {
        case .gemm(let gemm):
            let geometry = gemm.geometry
            let elementBytes = gemm.conv.weight.data.elementType == .int8 ? 1 : 4
            return geometry.outputChannels * gemm.reducedChannels * geometry.windowTaps * elementBytes
                + geometry.outputChannels * PostInstruction.parameterRecordBytes
        case .elementwise(let elementwise): return elementwise.table.count
        case .pool, .add, .concat, .alias: return 0
        }
    }

    /// The shape of its weights, for layers that have them.
    public var weightShape: [Int]? {
        guard case .gemm(let gemm) = work else { return nil }
        return gemm.conv.weight.shape.dims
    }

    /// Multiply-accumulates (one per output of a gated product).
    public var macs: Int {
        guard case .gemm(let gemm) = work else { return 0 }
        let g = gemm.geometry
        if gemm.gate != nil { return g.outputChannels * g.outputHeight * g.outputWidth }
        return g.outputChannels * gemm.reducedChannels * g.windowTaps * g.outputHeight * g.outputWidth
    }

    /// The DRAM addresses of its weights and parameter records; throws before `place-dram`, or
    /// when its constants were placed as a table.
    func weightAddresses() throws -> (weights: Int, parameters: Int) {
        switch try constants.value {
        case .weights(let weights, let parameters): return (weights, parameters)
        case .table: throw misplacedConstants("a table", "weights")
        }
    }

    /// The DRAM address of its table; throws before `place-dram`, or when its constants were placed
    /// as weights.
    func tableAddress() throws -> Int {
        switch try constants.value {
        case .table(let address): return address
        case .weights: throw misplacedConstants("weights", "a table")
        }
    }

    private func misplacedConstants(_ found: String, _ wanted: String) -> BackendError {
        .invalidSchedule(layer: layer.name, stage: BackendStage.placeDRAM.rawValue,
                         detail: "has its constants placed as \(found), but reads \(wanted)")
    }
}
