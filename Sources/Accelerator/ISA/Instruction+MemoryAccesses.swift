extension Instruction {
    /// Every byte range the instruction touches, for bounds checks (docs/ISA.md gives the
    /// semantics each range follows from).
    public var memoryAccesses: [MemoryAccess] {
        switch self {
        case .load(let load):
            let eb = load.elementBytes
            return [
                MemoryAccess(space: .dram, bytes: MemoryAccess.span(start: load.dramAddress, planes: load.depth, planePitch: load.dramPlaneStride,
                                                         rows: load.rows, rowPitch: load.dramRowStride, count: load.columns,
                                                         elementBytes: eb), isWrite: false),
                MemoryAccess(space: .sram(load.buffer), bytes: load.sramAddress..<(load.sramAddress + load.sramBytes), isWrite: true),
            ]
        case .store(let store):
            let eb = store.elementBytes
            return [
                MemoryAccess(space: .sram(.output), bytes: store.sramAddress..<(store.sramAddress + store.bytes), isWrite: false),
                MemoryAccess(space: .dram, bytes: MemoryAccess.span(start: store.dramAddress, planes: store.depth, planePitch: store.dramPlaneStride,
                                                         rows: store.rows, rowPitch: store.dramRowStride, count: store.columns,
                                                         elementBytes: eb), isWrite: true),
            ]
        case .gemm(let gemm):
            let eb = gemm.elementBytes
            return [
                MemoryAccess(space: .sram(.input), bytes: MemoryAccess.span(start: gemm.inputAddress, planes: gemm.inputPlanes,
                                                                 planePitch: gemm.inputPlanePitch * eb, rows: gemm.inputRows,
                                                                 rowPitch: gemm.inputRowPitch * eb, count: gemm.inputColumns,
                                                                 elementBytes: eb), isWrite: false),
                MemoryAccess(space: .sram(.weight), bytes: gemm.weightAddress..<(gemm.weightAddress + gemm.outputChannels
                    * gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth * eb), isWrite: false),
                MemoryAccess(space: .sram(.accumulator), bytes: gemm.accumulatorAddress..<(gemm.accumulatorAddress
                    + gemm.outputChannels * gemm.outputRows * gemm.outputColumns * gemm.accumulatorBytes), isWrite: true),
            ]
        case .post(let post):
            return [
                MemoryAccess(space: .sram(.accumulator), bytes: post.accumulatorAddress..<(post.accumulatorAddress
                    + post.elements * post.accumulatorBytes), isWrite: false),
                MemoryAccess(space: .sram(.weight), bytes: post.parameterAddress..<(post.parameterAddress
                    + post.channels * PostInstruction.parameterRecordBytes), isWrite: false),
                post.destination.access(channels: post.channels, rows: post.rows, columns: post.columns, elementBytes: post.elementBytes),
            ]
        case .pool(let pool):
            let eb = pool.elementBytes
            let rows = (pool.outputRows - 1) * pool.strideHeight + pool.kernelHeight
            let columns = (pool.outputColumns - 1) * pool.strideWidth + pool.kernelWidth
            return [
                MemoryAccess(space: .sram(.input), bytes: MemoryAccess.span(start: pool.inputAddress, planes: pool.channels,
                                                                 planePitch: pool.inputPlanePitch * eb, rows: rows,
                                                                 rowPitch: pool.inputRowPitch * eb, count: columns, elementBytes: eb),
                             isWrite: false),
                pool.destination.access(channels: pool.channels, rows: pool.outputRows, columns: pool.outputColumns, elementBytes: eb),
            ]
        case .alu(let alu):
            let eb = alu.elementBytes
            var accesses = [
                MemoryAccess(space: .sram(.input), bytes: MemoryAccess.span(start: alu.inputAddress, planes: alu.channels,
                                                                 planePitch: alu.inputPlanePitch * eb, rows: alu.rows,
                                                                 rowPitch: alu.inputRowPitch * eb, count: alu.columns, elementBytes: eb),
                             isWrite: false),
                alu.destination.access(channels: alu.channels, rows: alu.rows, columns: alu.columns, elementBytes: eb),
            ]
            let table = alu.operation.tableBytes
            if table > 0 {
                accesses.append(MemoryAccess(space: .sram(.weight), bytes: alu.tableAddress..<(alu.tableAddress + table), isWrite: false))
            }
            return accesses
        case .add(let add):
            let eb = add.elementBytes
            let partialSums = MemoryAccess(space: .sram(.accumulator), bytes: add.accumulatorAddress..<(add.accumulatorAddress
                + add.elements * AddInstruction.partialSumBytes), isWrite: !add.write)
            return [
                MemoryAccess(space: .sram(.input), bytes: MemoryAccess.span(start: add.inputAddress, planes: add.channels,
                                                                 planePitch: add.inputPlanePitch * eb, rows: add.rows,
                                                                 rowPitch: add.inputRowPitch * eb, count: add.columns, elementBytes: eb),
                             isWrite: false),
                add.write ? add.destination.access(channels: add.channels, rows: add.rows, columns: add.columns, elementBytes: eb)
                          : partialSums,
            ] + (add.write && add.accumulate ? [partialSums] : [])
        case .sync, .end:
            return []
        }
    }
}

extension StridedDestination {
    /// The span a `[channels][rows][columns]` write through this destination covers.
    package func access(channels: Int, rows: Int, columns: Int, elementBytes: Int) -> MemoryAccess {
        MemoryAccess(space: .sram(buffer), bytes: MemoryAccess.span(start: address, planes: channels, planePitch: planePitch * elementBytes,
                                                        rows: rows, rowPitch: rowPitch * elementBytes, count: columns,
                                                        elementBytes: elementBytes), isWrite: true)
    }
}
