import Accelerator

extension ExecutionCounters {
    /// Counts what `instruction` does (the rules of `ExecutionCounters`): they follow from its
    /// fields alone, so a program's counts, and its energy, are known without running it.
    public mutating func record(_ instruction: Instruction) {
        switch instruction {
        case .load(let load):
            dramBytesRead += load.dramBytes
            recordSRAMWrite(load.buffer, bytes: load.sramBytes)
        case .store(let store):
            dramBytesWritten += store.bytes
            recordSRAMRead(.output, bytes: store.bytes)
        case .gemm(let gemm):
            record(gemm)
        case .post(let post):
            recordSRAMRead(.accumulator, bytes: post.elements * post.accumulatorBytes)
            recordSRAMRead(.weight, bytes: post.channels * PostInstruction.parameterRecordBytes)
            recordSRAMWrite(post.destination.buffer, bytes: post.elements * post.elementBytes)
        case .pool(let pool):
            if pool.elements > 0 {
                let rows = (pool.outputRows - 1) * pool.strideHeight + pool.kernelHeight
                let columns = (pool.outputColumns - 1) * pool.strideWidth + pool.kernelWidth
                recordSRAMRead(.input, bytes: pool.channels * rows * columns * pool.elementBytes)
            }
            recordSRAMWrite(pool.destination.buffer, bytes: pool.elements * pool.elementBytes)
        case .alu(let alu):
            recordSRAMRead(.input, bytes: alu.elements * alu.elementBytes)
            recordSRAMRead(.weight, bytes: alu.operation.tableBytes)
            recordSRAMWrite(alu.destination.buffer, bytes: alu.elements * alu.elementBytes)
        case .add(let add):
            record(add)
        case .sync, .end:
            break
        }
    }

    /// A `GEMM`: its MACs; when it has outputs, its input box and weight block (when it reads any),
    /// its accumulators read (unless it resets) and written.
    private mutating func record(_ gemm: GemmInstruction) {
        macs += gemm.macs
        let outputs = gemm.outputChannels * gemm.outputRows * gemm.outputColumns
        guard outputs > 0 else { return }
        let rowLength = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
        if rowLength > 0 {
            recordSRAMRead(.input, bytes: gemm.inputPlanes * gemm.inputRows * gemm.inputColumns * gemm.elementBytes)
            recordSRAMRead(.weight, bytes: gemm.outputChannels * rowLength * gemm.elementBytes)
        }
        if !gemm.reset { recordSRAMRead(.accumulator, bytes: outputs * gemm.accumulatorBytes) }
        recordSRAMWrite(.accumulator, bytes: outputs * gemm.accumulatorBytes)
    }

    /// An `ADD`: its input, the partial sums it accumulates onto, and the results or partial sums it writes.
    private mutating func record(_ add: AddInstruction) {
        let entry = AddInstruction.partialSumBytes
        recordSRAMRead(.input, bytes: add.elements * add.elementBytes)
        if add.accumulate { recordSRAMRead(.accumulator, bytes: add.elements * entry) }
        if add.write {
            recordSRAMWrite(add.destination.buffer, bytes: add.elements * add.elementBytes)
        } else {
            recordSRAMWrite(.accumulator, bytes: add.elements * entry)
        }
    }
}
