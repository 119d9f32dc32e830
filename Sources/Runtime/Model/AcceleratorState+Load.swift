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
        let pad = Int64(load.padValue)
        let rowBytes = boxColumns * width
        for plane in 0..<load.depth {
            let planeAddress = load.sramAddress + plane * boxRows * rowBytes
            guard reads else {
                sram[slot].fill(pad, at: planeAddress, count: boxRows * boxColumns, width: width)
                continue
            }
            sram[slot].fill(pad, at: planeAddress, count: load.padTop * boxColumns, width: width)
            for row in 0..<load.rows {
                let rowAddress = planeAddress + (load.padTop + row) * rowBytes
                sram[slot].fill(pad, at: rowAddress, count: load.padLeft, width: width)
                sram[slot].copy(from: dram, at: load.dramAddress + plane * load.dramPlaneStride + row * load.dramRowStride,
                                to: rowAddress + load.padLeft * width, count: load.columns * width)
                sram[slot].fill(pad, at: rowAddress + (load.padLeft + load.columns) * width, count: load.padRight, width: width)
            }
            sram[slot].fill(pad, at: planeAddress + (load.padTop + load.rows) * rowBytes, count: load.padBottom * boxColumns,
                            width: width)
        }
        count(layer: load.layer) { counters in
            counters.dramBytesRead += load.dramBytes
            counters.recordSRAMWrite(load.buffer, bytes: load.sramBytes)
        }
    }
}
