import Accelerator

/// What lowering one layer reads: the program, the layer, its geometry, tiling and slots, where its
/// input and output live, and the builders of its load, post-processing, pooling and ALU
/// instructions.
struct LoweringContext {
    let program: ScheduledProgram
    let index: Int
    let layer: ScheduledLayer
    let geometry: PlaneGeometry
    let tile: TileShape
    let plan: BufferPlan
    /// Where each input is read from, in the layer's input order, and its output written to.
    let inputs: [OperandPlacement]
    let output: OperandPlacement

    /// The context of layer `index`; `nil` for a layer that runs no instructions, and throws
    /// `BackendError.undecided` when an earlier stage has not run.
    init?(program: ScheduledProgram, index: Int) throws {
        let layer = program.layers[index]
        guard let geometry = layer.work.geometry else { return nil }
        self.program = program
        self.index = index
        self.layer = layer
        self.geometry = geometry
        tile = try layer.tiling.value.shape
        plan = try layer.buffers.value
        inputs = try layer.inputs.map { try $0.placement }
        output = try layer.output.placement
    }

    var elementBytes: Int { program.elementBytes }

    /// The DMA of one input box from `source` in DRAM, with the padding outside the input inserted.
    func inputLoad(from source: DRAMTensor, channels: Range<Int>, boxRows: Range<Int>, boxColumns: Range<Int>,
                   slot: Int) -> LoadInstruction {
        let (height, width) = (geometry.inputHeight, geometry.inputWidth)
        let rows = clip(boxRows, geometry.padTop..<(geometry.padTop + height))
        let columns = clip(boxColumns, geometry.padLeft..<(geometry.padLeft + width))
        let first = channels.lowerBound * height * width + max(0, rows.lowerBound - geometry.padTop) * width
            + max(0, columns.lowerBound - geometry.padLeft)
        return LoadInstruction(
            layer: index, buffer: .input, elementBytes: elementBytes, dramAddress: source.address + first * elementBytes,
            sramAddress: slot, depth: channels.count, rows: rows.count, columns: columns.count,
            dramPlaneStride: height * width * elementBytes, dramRowStride: width * elementBytes,
            padTop: rows.isEmpty ? boxRows.count : rows.lowerBound - boxRows.lowerBound,
            padBottom: rows.isEmpty ? 0 : boxRows.upperBound - rows.upperBound,
            padLeft: columns.isEmpty ? boxColumns.count : columns.lowerBound - boxColumns.lowerBound,
            padRight: columns.isEmpty ? 0 : boxColumns.upperBound - columns.upperBound,
            padValue: layer.work.padValue)
    }

    func clip(_ range: Range<Int>, _ bounds: Range<Int>) -> Range<Int> {
        let lower = max(range.lowerBound, bounds.lowerBound), upper = min(range.upperBound, bounds.upperBound)
        return lower < upper ? lower..<upper : lower..<lower
    }
}
