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
        for plane in 0..<store.depth {
            for row in 0..<store.rows {
                dram.copy(from: sram[slot], at: store.sramAddress + (plane * store.rows + row) * store.columns * width,
                          to: store.dramAddress + plane * store.dramPlaneStride + row * store.dramRowStride,
                          count: store.columns * width)
            }
        }
        count(layer: store.layer) { counters in
            counters.dramBytesWritten += store.bytes
            counters.recordSRAMRead(.output, bytes: store.bytes)
        }
    }
}
