import Accelerator

/// The generator's data movement: input boxes, destinations, stores, and the `LOAD`, `STORE` and
/// `SYNC` programs.
extension InstructionProgramGenerator {
    /// A box of the input buffer: `channels` planes of `rows × columns` elements, dense, at `address`.
    struct Box {
        var address: Int
        var channels: Int
        var rows: Int
        var columns: Int

        var planeElements: Int { rows * columns }
        var elements: Int { channels * rows * columns }
    }

    /// A `channels × rows × columns` box (shrunk to `share` of the element budget) anywhere in the
    /// input buffer.
    mutating func randomBox(channels: ClosedRange<Int>, rows: ClosedRange<Int>, columns: ClosedRange<Int>, share: Int = 1) -> Box {
        let dims = Self.shrunk([int(channels), int(rows), int(columns)], toAtMost: elementBudget / share)
        return placed(Box(address: 0, channels: dims[0], rows: dims[1], columns: dims[2]))
    }

    /// `box` moved to a random address of the input buffer at which it fits.
    mutating func placed(_ box: Box) -> Box {
        var box = box
        box.address = randomAddress(in: .input, for: box.elements * width, alignment: width)
        return box
    }

    /// A random address of `buffer`, a multiple of `alignment`, at which `bytes` bytes fit.
    mutating func randomAddress(in buffer: SRAMBuffer.Role, for bytes: Int, alignment: Int) -> Int {
        int(0...max(0, (config.buffer(buffer)?.bytes ?? 0) - bytes) / alignment) * alignment
    }

    /// A `LOAD` that fills `box`: up to two padding rows and columns on each side with a random pad
    /// value (sometimes padding only), the rest read from DRAM (a quarter of the time from the
    /// constants on, else from the input; never the output region the `STORE`s write) with random
    /// gaps between rows and planes, now and then a row stride of 0 (every row the same).
    mutating func load(_ box: Box, tokens: DependencyFlags = .none) -> Instruction {
        let padTop = int(0...min(2, box.rows - 1)), padLeft = int(0...min(2, box.columns - 1))
        let padBottom = int(0...min(2, box.rows - 1 - padTop)), padRight = int(0...min(2, box.columns - 1 - padLeft))
        let fillOnly = chance(0.1)
        let rows = fillOnly ? 0 : box.rows - padTop - padBottom, columns = fillOnly ? 0 : box.columns - padLeft - padRight
        let rowStride = chance(0.1) ? 0 : columns * width + gap(12) * width
        let planeStride = max(rows * rowStride, columns * width) + gap(24) * width
        let span = (box.channels - 1) * planeStride + max(0, rows - 1) * rowStride + columns * width
        let start = chance(0.25) ? 0 : Self.inputRegion.lowerBound
        return .load(LoadInstruction(
            dependencies: tokens, layer: 0, buffer: .input, elementBytes: width,
            dramAddress: address(in: start..<Self.outputRegion.lowerBound, for: span, alignment: width),
            sramAddress: box.address, depth: box.channels, rows: rows, columns: columns, dramPlaneStride: planeStride,
            dramRowStride: rowStride, padTop: fillOnly ? box.rows : padTop, padBottom: fillOnly ? 0 : padBottom,
            padLeft: fillOnly ? box.columns : padLeft, padRight: fillOnly ? 0 : padRight, padValue: value(in: storage)))
    }

    /// A weight-buffer `LOAD` of `planes` rows of `columns` elements from random DRAM constants,
    /// rows `columns` elements or more apart in DRAM, dense at `sramAddress`.
    mutating func weightLoad(planes: Int, columns: Int, at sramAddress: Int) -> Instruction {
        let planeStride = columns * width + gap(8) * width
        let span = (planes - 1) * planeStride + columns * width
        return .load(LoadInstruction(
            layer: 0, buffer: .weight, elementBytes: width,
            dramAddress: address(in: 0..<Self.regionBytes, for: span, alignment: width), sramAddress: sramAddress, depth: planes,
            rows: 1, columns: columns, dramPlaneStride: planeStride, dramRowStride: 0))
    }

    /// A weight-buffer `LOAD` of `values` (written into the constants region first, after the values
    /// of the program's earlier constant loads) to `sramAddress`.
    mutating func constantLoad(_ values: [Int64], width valueWidth: Int, at sramAddress: Int) -> Instruction {
        let dramAddress = (constantsEnd + gap(16) + 7) / 8 * 8
        poke(values, width: valueWidth, at: dramAddress)
        constantsEnd = dramAddress + values.count * valueWidth
        precondition(constantsEnd <= Self.regionBytes, "the generator's constants pass the constants region")
        return .load(LoadInstruction(
            layer: 0, buffer: .weight, elementBytes: width, dramAddress: dramAddress, sramAddress: sramAddress, depth: 1, rows: 1,
            columns: values.count * valueWidth / width, dramPlaneStride: 0, dramRowStride: 0))
    }

    /// A `[c][y][x]` destination in the output buffer at or after `start` bytes, rows and planes
    /// with random gaps.
    mutating func destination(channels: Int, rows: Int, columns: Int, from start: Int = 0) -> StridedDestination {
        let rowPitch = columns + gap(3)
        let planePitch = rows * rowPitch + gap(5)
        return StridedDestination(buffer: .output, address: start + int(0...8) * width, planePitch: planePitch, rowPitch: rowPitch)
    }

    /// A `[c][y][x]` destination with random gaps anywhere in the input buffer.
    mutating func inputDestination(channels: Int, rows: Int, columns: Int) -> StridedDestination {
        var target = destination(channels: channels, rows: rows, columns: columns)
        target.buffer = .input
        target.address = randomAddress(in: .input, for: end(of: target, channels: channels, rows: rows, columns: columns),
                                       alignment: width)
        return target
    }

    /// The byte after the last element `destination` receives for a `channels × rows × columns` tile.
    func end(of destination: StridedDestination, channels: Int, rows: Int, columns: Int) -> Int {
        destination.address + ((channels - 1) * destination.planePitch + (rows - 1) * destination.rowPitch + columns) * width
    }

    /// A full-range `ALU` clamp (a copy) of `box` into `destination`.
    func copy(_ box: Box, to destination: StridedDestination, tokens: DependencyFlags) -> Instruction {
        .alu(ALUInstruction(
            dependencies: tokens, layer: 0, elementBytes: width, operation: .clamp, inputAddress: box.address,
            inputPlanePitch: box.planeElements, inputRowPitch: box.columns, channels: box.channels, rows: box.rows,
            columns: box.columns, tableAddress: 0, clampLow: Int32.min, clampHigh: Int32.max, destination: destination))
    }

    /// A `STORE` of the output buffer's first `bytes` bytes, contiguous, to the output region.
    mutating func storeAll(through bytes: Int, tokens: DependencyFlags) -> Instruction {
        .store(StoreInstruction(
            dependencies: tokens, layer: 0, elementBytes: width, sramAddress: 0,
            dramAddress: address(in: Self.outputRegion, for: bytes, alignment: width), depth: 1, rows: 1, columns: bytes / width,
            dramPlaneStride: 0, dramRowStride: 0))
    }

    /// One or two boxes loaded (the last `LOAD` pushing load→compute), each copied by an `ALU` clamp
    /// into the output buffer, and stored.
    mutating func makeLoadProgram() {
        let count = int(1...2)
        let boxes = (0..<count).map { _ in
            randomBox(channels: 1...4, rows: 1...8, columns: 1...12, share: 2)
        }
        for (index, box) in boxes.enumerated() {
            instructions.append(load(box, tokens: index == count - 1 ? DependencyFlags(pushNext: true) : .none))
        }
        var end = 0
        for (index, box) in boxes.enumerated() {
            let target = destination(channels: box.channels, rows: box.rows, columns: box.columns, from: end)
            end = self.end(of: target, channels: box.channels, rows: box.rows, columns: box.columns)
            instructions.append(copy(box, to: target, tokens: DependencyFlags(popPrevious: index == 0, pushNext: index == count - 1)))
        }
        instructions.append(storeAll(through: end, tokens: DependencyFlags(popPrevious: true)))
    }

    /// A box copied densely into the output buffer, then one to three `STORE`s of slices of it
    /// (`depth × rows × columns` from any element on) to DRAM with gaps between rows and planes.
    mutating func makeStoreProgram() {
        let box = randomBox(channels: 1...4, rows: 1...6, columns: 1...10)
        instructions.append(load(box, tokens: DependencyFlags(pushNext: true)))
        let dense = StridedDestination(buffer: .output, address: 0, planePitch: box.planeElements, rowPitch: box.columns)
        instructions.append(copy(box, to: dense, tokens: DependencyFlags(popPrevious: true, pushNext: true)))
        for index in 0..<int(1...3) {
            let first = int(0...box.elements - 1)
            let remaining = box.elements - first
            let columns = int(1...min(8, remaining))
            let rows = int(1...max(1, min(4, remaining / columns)))
            let depth = int(1...max(1, min(4, remaining / (columns * rows))))
            let rowStride = columns * width + gap(5) * width
            let planeStride = rows * rowStride + gap(9) * width
            let span = (depth - 1) * planeStride + (rows - 1) * rowStride + columns * width
            instructions.append(.store(StoreInstruction(
                dependencies: DependencyFlags(popPrevious: index == 0), layer: 0, elementBytes: width, sramAddress: first * width,
                dramAddress: address(in: Self.outputRegion, for: span, alignment: width), depth: depth, rows: rows,
                columns: columns, dramPlaneStride: planeStride, dramRowStride: rowStride)))
        }
    }

    /// Two or three tiles through the same input and output slots, each guarded by its tokens:
    /// a tile's `LOAD` waits for the previous tile's copy (compute→load), its copy for its `LOAD`
    /// (load→compute) and for the previous tile's `STORE` (store→compute), its `STORE` for its copy
    /// (compute→store). Each token bit rides on its instruction or on a `SYNC` of the same unit
    /// beside it (before it for a pop, after it for a push); a tile's `LOAD` is now and then issued
    /// before the previous tile's `STORE`. Every pop's push comes earlier in the stream, so the
    /// program cannot deadlock.
    mutating func makeSyncProgram() {
        let tiles = int(2...3)
        let box = randomBox(channels: 1...2, rows: 1...4, columns: 1...6)
        let slot = StridedDestination(buffer: .output, address: 0, planePitch: box.planeElements, rowPitch: box.columns)
        var pendingStore: Instruction?
        for tile in 0..<tiles {
            emit(load(box), unit: .load, tokens: DependencyFlags(popNext: tile > 0, pushNext: true))
            if let store = pendingStore {
                emit(store, unit: .store, tokens: DependencyFlags(popPrevious: true, pushPrevious: true))
                pendingStore = nil
            }
            emit(copy(box, to: slot, tokens: .none), unit: .compute,
                 tokens: DependencyFlags(popPrevious: true, popNext: tile > 0, pushPrevious: tile < tiles - 1, pushNext: true))
            let store = Instruction.store(StoreInstruction(
                layer: 0, elementBytes: width, sramAddress: 0,
                dramAddress: Self.outputRegion.lowerBound + tile * (Self.regionBytes / tiles), depth: 1, rows: 1,
                columns: box.elements, dramPlaneStride: 0, dramRowStride: 0))
            if tile < tiles - 1 && chance(0.5) {
                pendingStore = store
            } else {
                emit(store, unit: .store, tokens: DependencyFlags(popPrevious: true, pushPrevious: tile < tiles - 1))
            }
        }
        if let store = pendingStore { emit(store, unit: .store, tokens: DependencyFlags(popPrevious: true)) }
    }

    /// Appends `instruction` with `tokens`, moving each token bit onto a `SYNC` of `unit` beside it
    /// half the time (pops before, pushes after).
    private mutating func emit(_ instruction: Instruction, unit: ExecutionUnit, tokens: DependencyFlags) {
        var own = tokens, before = DependencyFlags(), after = DependencyFlags()
        if tokens.popPrevious && chance(0.5) { (own.popPrevious, before.popPrevious) = (false, true) }
        if tokens.popNext && chance(0.5) { (own.popNext, before.popNext) = (false, true) }
        if tokens.pushPrevious && chance(0.5) { (own.pushPrevious, after.pushPrevious) = (false, true) }
        if tokens.pushNext && chance(0.5) { (own.pushNext, after.pushNext) = (false, true) }
        if before != DependencyFlags() { instructions.append(.sync(SyncInstruction(dependencies: before, layer: 0, unit: unit))) }
        var placed = instruction
        placed.dependencies = own
        instructions.append(placed)
        if after != DependencyFlags() { instructions.append(.sync(SyncInstruction(dependencies: after, layer: 0, unit: unit))) }
    }
}
