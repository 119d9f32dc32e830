import Accelerator


extension AcceleratorState {
    /// `STORE`: each row of the contiguous output-buffer tile is copied to its strided place in DRAM.
    mutating func executeStore(_ store: StoreInstruction, site: InstructionSite) throws {
        let width = store.elementBytes
        try site.requireWidth(width, "element width")
        let slot = Self.slot(.output)
        try sram[slot].check(address: store.sramAddress, extents: [(store.depth * store.rows * store.columns, width)],
                             elementBytes: width, site: site)
        try dram.check(address: store.dramAddress,
                       extents: [(store.depth, store.dramPlaneStride), (store.rows, store.dramRowStride), (store.columns, width)],
                       elementBytes: width, site: site)
        if store.depth > 0 && store.rows > 0 && store.columns > 0 {
            noteDRAMWrite(store.dramAddress..<(store.dramAddress + (store.depth - 1) * store.dramPlaneStride
                                                + (store.rows - 1) * store.dramRowStride + store.columns * width))
        }
        let rowBytes = store.columns * width
        dram.copyRows(from: sram[slot], at: store.sramAddress, planeStride: store.rows * rowBytes, rowStride: rowBytes,
                      to: store.dramAddress, planePitch: store.dramPlaneStride, rowPitch: store.dramRowStride,
                      planes: store.depth, rows: store.rows, rowBytes: rowBytes)
        count(layer: store.layer) { $0.record(.store(store)) }
    }
}
