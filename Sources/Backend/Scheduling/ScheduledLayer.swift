import IR
import Accelerator
import Quantization

/// One layer of the scheduled program IR: the quantized layer, what it asks of the accelerator,
/// and what the backend passes decided for it — where its input and output live (DRAM or kept on
/// chip), its tiling, its SRAM slots, its constants in DRAM, and its instructions.
public struct ScheduledLayer: Hashable, Sendable {
    public var layer: QuantizedLayer
    /// Shape of the input the layer reads.
    public var inputDims: [Int]
    public var work: LayerWork
    /// Where its input comes from: DRAM, or the region of the input buffer the previous layer
    /// wrote (`inputOnChip`).
    public var inputDRAM: DRAMTensor?
    public var inputOnChip: SRAMTensor?
    /// Where its output goes: DRAM, or on chip for the next layer.
    public var outputDRAM: DRAMTensor?
    public var outputOnChip: SRAMTensor?
    /// The tiling (`tile` pass).
    public var tile: TileShape?
    /// The tile search's analytic estimate for `tile`.
    public var estimatedCycles: Int = 0
    /// SRAM slots (`allocate` pass).
    public var buffers: BufferPlan?
    /// DRAM addresses of its weights, parameter records and table (`place` pass).
    public var weightAddress = 0
    public var parameterAddress = 0
    public var tableAddress = 0
    /// Its instructions in the program's stream (`lower` pass).
    public var instructions: Range<Int> = 0..<0

    public init(layer: QuantizedLayer, inputDims: [Int], work: LayerWork) {
        self.layer = layer
        self.inputDims = inputDims
        self.work = work
    }

    /// Bytes of constants the layer reads from DRAM.
    public var constantBytes: Int {
        switch work {
        case .gemm(let gemm):
            let geometry = gemm.geometry
            let elementBytes = gemm.conv.weight.data.elementType == .int8 ? 1 : 4
            return geometry.outputChannels * geometry.inputChannels * geometry.windowTaps * elementBytes
                + geometry.outputChannels * PostInstruction.parameterRecordBytes
        case .elementwise(let elementwise): return elementwise.table.count
        case .pool, .alias: return 0
        }
    }

    /// The shape of its weights, for layers that have them.
    public var weightShape: [Int]? {
        guard case .gemm(let gemm) = work else { return nil }
        return gemm.conv.weight.shape.dims
    }

    /// Multiply-accumulates.
    public var macs: Int {
        guard case .gemm(let gemm) = work else { return 0 }
        let g = gemm.geometry
        return g.outputChannels * g.inputChannels * g.windowTaps * g.outputHeight * g.outputWidth
    }
}
