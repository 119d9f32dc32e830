import Accelerator

/// The weights of every int8 `GEMM` whose weight block, whenever it runs, is a plain copy of
/// constant bytes (`AcceleratorProgram.constants` that no `STORE` or input had overwritten when
/// they were loaded), packed once per program for `Int8GemmKernel` instead of once per
/// instruction and image. Identical blocks share one packing. Every address in the stream is
/// fixed, so one walk in execution order finds them; a `GEMM` it cannot prove packs its weights
/// from the weight buffer when it runs.
///
/// A weight-buffer `LOAD` whose bytes nothing but such `GEMM`s reads before they are overwritten
/// (no `POST` parameters, `ALU` table, other `GEMM` or observed layer output) need not move its
/// data: a second walk, backwards, finds those.
struct ConstantWeights: Sendable {
    /// By stream index.
    private let packed: [PackedWeights?]
    /// By stream index: the weight-buffer `LOAD`s whose data nothing reads.
    private let unreadLoads: [Bool]

    /// Walks `program` in `executionOrder` (stream indices, as `AcceleratorModel` applies them).
    init(program: AcceleratorProgram, executionOrder: [Int], path: Int8GemmKernel.Path) {
        var copies = WeightBufferCopies()
        var written = [Self.span(program.input.address, [(program.input.bytes, 1)], 1)]
        var shared: [PackedKey: PackedWeights] = [:]
        var packed = [PackedWeights?](repeating: nil, count: program.instructions.count)
        for index in executionOrder {
            switch program.instructions[index] {
            case .load(let load):
                guard load.buffer == .weight else { continue }
                let source = Self.span(load.dramAddress, [(load.depth, load.dramPlaneStride), (load.rows, load.dramRowStride),
                                                          (load.columns, load.elementBytes)], load.elementBytes)
                if let copy = WeightBufferCopies.Copy(load), !written.contains(where: { $0.overlaps(source) }) {
                    copies.record(copy)
                } else {
                    copies.overwrite(Self.span(load.sramAddress, [(load.sramBytes, 1)], 1))
                }
            case .store(let store):
                written.append(Self.span(store.dramAddress, [(store.depth, store.dramPlaneStride), (store.rows, store.dramRowStride),
                                                             (store.columns, store.elementBytes)], store.elementBytes))
            case .post(let post):
                copies.overwrite(Self.weightBytes(post.destination, post.channels, post.rows, post.columns, post.elementBytes))
            case .pool(let pool):
                copies.overwrite(Self.weightBytes(pool.destination, pool.channels, pool.outputRows, pool.outputColumns,
                                                  pool.elementBytes))
            case .alu(let alu):
                copies.overwrite(Self.weightBytes(alu.destination, alu.channels, alu.rows, alu.columns, alu.elementBytes))
            case .add(let add):
                copies.overwrite(Self.weightBytes(add.destination, add.channels, add.rows, add.columns, add.elementBytes))
            case .gemm(let gemm):
                let depth = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
                guard !gemm.depthwise, gemm.elementBytes == 1, gemm.accumulatorBytes == 4, gemm.outputRows > 0, gemm.outputColumns > 0,
                      let rows = copies.rows(at: gemm.weightAddress, channels: gemm.outputChannels, depth: depth),
                      rows.dramAddress + (gemm.outputChannels - 1) * rows.rowStride + depth <= program.constants.count
                else { continue }
                let key = PackedKey(rows: rows, channels: gemm.outputChannels, depth: depth)
                if shared[key] == nil {
                    shared[key] = program.constants.withUnsafeBytes {
                        PackedWeights(path: path, channels: gemm.outputChannels, depth: depth, memory: $0,
                                      address: rows.dramAddress, rowStride: rows.rowStride)
                    }
                }
                packed[index] = shared[key]
            case .sync, .end:
                continue
            }
        }
        self.packed = packed
        unreadLoads = Self.unreadLoads(program, executionOrder: executionOrder, packed: packed)
    }

    /// The packed weights of the `GEMM` at stream index `instruction`, if they are constant.
    subscript(instruction: Int) -> PackedWeights? { packed[instruction] }

    /// Whether the `LOAD` at stream index `instruction` may leave its data unmoved.
    func skipsLoad(_ instruction: Int) -> Bool { unreadLoads[instruction] }

    /// Walking backwards, the weight-buffer bytes some later instruction reads before anything
    /// overwrites them; each weight `LOAD` none of whose bytes is among them is unread (and leaves
    /// none of them to be read, so that it need not write them either). None is when a layer's
    /// output is observed in the weight buffer.
    private static func unreadLoads(_ program: AcceleratorProgram, executionOrder: [Int], packed: [PackedWeights?]) -> [Bool] {
        var unread = [Bool](repeating: false, count: program.instructions.count)
        guard !program.layers.contains(where: { $0.sramOutput?.buffer == .weight }) else { return unread }
        var readLater: [Range<Int>] = []
        for index in executionOrder.reversed() {
            switch program.instructions[index] {
            case .load(let load):
                guard load.buffer == .weight else { continue }
                let bytes = span(load.sramAddress, [(load.sramBytes, 1)], 1)
                unread[index] = !readLater.contains { $0.overlaps(bytes) }
                readLater = removing(bytes, from: readLater)
            case .gemm(let gemm):
                guard packed[index] == nil else { continue }
                let rowLength = gemm.inputChannels * gemm.kernelHeight * gemm.kernelWidth
                readLater.append(span(gemm.weightAddress, [(gemm.outputChannels * rowLength, gemm.elementBytes)], gemm.elementBytes))
            case .post(let post):
                readLater = removing(weightBytes(post.destination, post.channels, post.rows, post.columns, post.elementBytes),
                                     from: readLater)
                readLater.append(span(post.parameterAddress, [(post.channels * PostInstruction.parameterRecordBytes, 1)], 1))
            case .alu(let alu):
                readLater = removing(weightBytes(alu.destination, alu.channels, alu.rows, alu.columns, alu.elementBytes),
                                     from: readLater)
                readLater.append(span(alu.tableAddress, [(alu.operation.tableBytes, 1)], 1))
            case .pool(let pool):
                readLater = removing(weightBytes(pool.destination, pool.channels, pool.outputRows, pool.outputColumns,
                                                 pool.elementBytes), from: readLater)
            case .add(let add):
                readLater = removing(weightBytes(add.destination, add.channels, add.rows, add.columns, add.elementBytes),
                                     from: readLater)
            case .store, .sync, .end:
                continue
            }
        }
        return unread
    }

    /// `ranges` less the bytes of `written`.
    private static func removing(_ written: Range<Int>, from ranges: [Range<Int>]) -> [Range<Int>] {
        guard !written.isEmpty else { return ranges }
        return ranges.flatMap { range -> [Range<Int>] in
            guard range.overlaps(written) else { return [range] }
            return [range.lowerBound..<max(range.lowerBound, written.lowerBound),
                    min(range.upperBound, written.upperBound)..<range.upperBound].filter { !$0.isEmpty }
        }
    }

    /// One packing: where the rows are and the block's shape.
    private struct PackedKey: Hashable {
        var rows: WeightBufferCopies.Rows
        var channels: Int
        var depth: Int
    }

    /// The weight-buffer bytes a strided result overwrites (none in another buffer).
    private static func weightBytes(_ destination: StridedDestination, _ channels: Int, _ rows: Int, _ columns: Int,
                                    _ width: Int) -> Range<Int> {
        guard destination.buffer == .weight else { return 0..<0 }
        return span(destination.address, [(channels, destination.planePitch * width), (rows, destination.rowPitch * width),
                                          (columns, width)], width)
    }

    /// The bytes from `address` to the end of the last element of a box with `extents` (count,
    /// pitch in bytes): empty when a count is 0, every address when anything is negative (the
    /// instruction will be refused, and nothing after it runs).
    private static func span(_ address: Int, _ extents: [(count: Int, pitch: Int)], _ elementBytes: Int) -> Range<Int> {
        guard address >= 0, elementBytes >= 0, extents.allSatisfy({ $0.count >= 0 && $0.pitch >= 0 }) else {
            return Int.min..<Int.max
        }
        guard extents.allSatisfy({ $0.count > 0 }) else { return address..<address }
        return address..<extents.reduce(address + elementBytes) { $0 + ($1.count - 1) * $1.pitch }
    }
}
