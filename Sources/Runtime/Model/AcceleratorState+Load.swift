import Accelerator


extension AcceleratorState {
    /// `LOAD`: each DRAM row is copied into its row of the SRAM box, and the padding around it is
    /// filled with `padValue`; `rows = 0` or `columns = 0` fills the whole box.
    mutating func executeLoad(_ load: LoadInstruction, site: InstructionSite) throws {
        let width = load.elementBytes
        try site.requireWidth(width, "element width")
        try site.require([load.padTop, load.padBottom, load.padLeft, load.padRight].allSatisfy { $0 >= 0 }, "negative padding")
        let slot = Self.slot(load.buffer)
        let (boxRows, boxColumns) = (load.boxRows, load.boxColumns)
        try sram[slot].check(address: load.sramAddress, extents: [(load.depth * boxRows * boxColumns, width)],
                             elementBytes: width, site: site)
        let reads = load.rows > 0 && load.columns > 0
        if reads {
            try dram.check(address: load.dramAddress,
                           extents: [(load.depth, load.dramPlaneStride), (load.rows, load.dramRowStride), (load.columns, width)],
                           elementBytes: width, site: site)
        }
        noteWrite(load.buffer, load.sramAddress..<(load.sramAddress + load.sramBytes))
        if !constantWeights.skipsLoad(site.index) {
            copyBox(load, slot: slot)
        }
        count(layer: load.layer) { $0.record(.load(load)) }
    }

    /// The data `load` moves: the box filled with the pad value wherever it has padding (or no
    /// data), then the DRAM rows copied into it.
    private mutating func copyBox(_ load: LoadInstruction, slot: Int) {
        let width = load.elementBytes
        let boxBytes = load.boxRows * load.boxColumns * width
        let reads = load.rows > 0 && load.columns > 0
        if !reads || [load.padTop, load.padBottom, load.padLeft, load.padRight].contains(where: { $0 > 0 }) {
            sram[slot].fill(Int64(load.padValue), at: load.sramAddress, count: load.depth * boxBytes / width, width: width)
        }
        guard reads else { return }
        let rowBytes = load.boxColumns * width
        sram[slot].copyRows(from: dram, at: load.dramAddress, planeStride: load.dramPlaneStride, rowStride: load.dramRowStride,
                            to: load.sramAddress + load.padTop * rowBytes + load.padLeft * width, planePitch: boxBytes,
                            rowPitch: rowBytes, planes: load.depth, rows: load.rows, rowBytes: load.columns * width)
    }
}
