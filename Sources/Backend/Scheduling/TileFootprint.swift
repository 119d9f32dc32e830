import Accelerator

/// The SRAM one tiling needs: the size of each slot and how many slots (two for ping-pong when
/// more than one distinct tile passes through, else one) of every buffer.
struct TileFootprint: Hashable, Sendable {
    var inputSlotBytes = 0
    var inputSlots = 0
    var weightSlotBytes = 0
    var weightSlots = 0
    var parameterSlotBytes = 0
    var parameterSlots = 0
    var tableBytes = 0
    var accumulatorBytes = 0
    var outputSlotBytes = 0
    var outputSlots = 0

    /// Slot sizes rounded up to this many bytes, so every slot starts aligned.
    static let alignment = 16

    init(work: LayerWork, tile: TileShape, budget: LayerBudget) {
        guard let geometry = work.geometry else { return }
        let eb = budget.elementBytes
        let tiles = TileCounts(geometry: geometry, tile: tile, work: work)
        let loadedTiles = tiles.loadedInputTiles(residentInputs: budget.residentInputs)
        if loadedTiles > 0 {
            let rows = geometry.inputRows(forOutput: 0..<tile.rows).count
            let columns = geometry.inputColumns(forOutput: 0..<tile.columns).count
            inputSlotBytes = Self.aligned(tile.inputChannels * rows * columns * eb)
            inputSlots = loadedTiles > 1 ? 2 : 1
        }
        if !budget.outputResident {
            outputSlotBytes = Self.aligned(tile.outputChannels * tile.rows * tile.columns * eb)
            outputSlots = tiles.outputTiles > 1 ? 2 : 1
        }
        switch work {
        case .gemm(let gemm):
            let reduced = gemm.depthwise ? 1 : tile.inputChannels
            weightSlotBytes = Self.aligned(tile.outputChannels * reduced * geometry.windowTaps * eb)
            weightSlots = tiles.outputChannels * tiles.inputChannels > 1 || gemm.gate != nil ? 2 : 1
            parameterSlotBytes = Self.aligned(tile.outputChannels * PostInstruction.parameterRecordBytes)
            parameterSlots = tiles.outputChannels > 1 ? 2 : 1
            accumulatorBytes = Self.aligned(tile.outputChannels * tile.rows * tile.columns * budget.accumulatorEntryBytes)
        case .elementwise(let elementwise):
            tableBytes = Self.aligned(elementwise.table.count)
        case .add(let add):
            let partialSums = add.operands.count > 1 ? tile.outputChannels * tile.rows * tile.columns * AddInstruction.partialSumBytes : 0
            accumulatorBytes = Self.aligned(partialSums)
        case .pool, .concat, .alias:
            break
        }
    }

    /// Bytes the slots take in the input buffer.
    var inputBytes: Int { inputSlotBytes * inputSlots }
    /// Bytes the weight, parameter and table slots take in the weight buffer.
    var weightBytes: Int { weightSlotBytes * weightSlots + parameterSlotBytes * parameterSlots + tableBytes }
    /// Bytes the slots take in the output buffer.
    var outputBytes: Int { outputSlotBytes * outputSlots }

    /// Whether every buffer holds its slots.
    func fits(_ budget: LayerBudget) -> Bool {
        inputBytes <= budget.inputBytes && weightBytes <= budget.weightBytes
            && accumulatorBytes <= budget.accumulatorBytes && outputBytes <= budget.outputBytes
    }

    static func aligned(_ bytes: Int) -> Int { (bytes + alignment - 1) / alignment * alignment }
}

/// How many tiles a tiling cuts each loop into.
struct TileCounts: Hashable, Sendable {
    var outputChannels: Int
    /// Input-channel tiles each output tile sums over (of its own group when grouped).
    var inputChannels: Int
    /// Groups of a grouped convolution (each reads its own input tiles); 1 otherwise.
    var groups: Int
    var rows: Int
    var columns: Int
    /// Inputs each output tile reads in turn (the inputs of an Add; 1 otherwise).
    var operands: Int
    /// Output tiles per channel-and-pixel tile (the copied inputs of a Concat; 1 otherwise).
    var copies: Int

    init(geometry: PlaneGeometry, tile: TileShape, work: LayerWork) {
        groups = { if case .gemm(let gemm) = work { return gemm.groups } else { return 1 } }()
        outputChannels = groups * ((geometry.outputChannels / groups + tile.outputChannels - 1) / tile.outputChannels)
        isGemm = { if case .gemm(let gemm) = work { return !gemm.depthwise } else { return false } }()
        if isGemm {
            inputChannels = (geometry.inputChannels / groups + tile.inputChannels - 1) / tile.inputChannels
        } else {
            inputChannels = 1
        }
        (operands, copies) = (1, 1)
        if case .add(let add) = work { operands = add.operands.count }
        if case .concat(let concat) = work { copies = concat.copies.count }
        rows = (geometry.outputHeight + tile.rows - 1) / tile.rows
        columns = (geometry.outputWidth + tile.columns - 1) / tile.columns
    }

    var pixels: Int { rows * columns }
    /// Distinct input tiles: per input-channel tile for a GEMM that sums over input channels, per
    /// channel tile, operand and copy otherwise.
    var inputTiles: Int { (isGemm ? groups * inputChannels : outputChannels * operands * copies) * pixels }
    /// Distinct input tiles loaded from DRAM when `residentInputs` of the layer's inputs are read on
    /// chip: none for a layer with one input on chip, the other operands' for an Add.
    func loadedInputTiles(residentInputs: Int) -> Int {
        isGemm ? (residentInputs > 0 ? 0 : inputTiles) : outputChannels * max(0, operands - residentInputs) * copies * pixels
    }

    /// Output tiles written.
    var outputTiles: Int { outputChannels * pixels * copies }
    private var isGemm: Bool
}
