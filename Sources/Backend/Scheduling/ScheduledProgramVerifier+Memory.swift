import Accelerator

/// The memory invariants: the DRAM regions `place-dram` laid out, and the SRAM slots and on-chip
/// values `allocate` placed.
extension ScheduledProgramVerifier {
    /// A named byte range of one memory.
    private struct Region {
        var name: String
        var bytes: Range<Int>
    }

    /// Constants, input and every value in DRAM lie inside the program's DRAM without overlapping;
    /// each reader finds a value where its writer put it; a reshape shares its input's bytes; a
    /// Concat input written by address is its channel slice of the Concat's output.
    func checkDRAM() throws {
        let layout = try program.dram.value
        var tensors = [layout.input.name: layout.input]
        var constants: [Region] = []
        var values = [Region(name: "input '\(layout.input.name)'", bytes: Self.bytes(layout.input))]
        var slices: [(layer: ScheduledLayer, tensor: DRAMTensor, slice: ChannelSlices.Slice)] = []
        for layer in program.layers {
            if layer.constants.isDecided { constants += try constantRegions(layer) }
            for operand in layer.inputs where operand.dramTensor.isDecided {
                let tensor = try operand.dramTensor.value
                guard let written = tensors[operand.value], written == tensor else {
                    throw failure(.placeDRAM, layer, "reads '\(operand.value)' at 0x\(Self.hex(tensor.address)), where its writer did not put it")
                }
            }
            guard layer.output.dramTensor.isDecided else { continue }
            let tensor = try layer.output.dramTensor.value
            guard tensor.name == layer.output.value, tensor.dims == layer.output.dims, tensor.elementBytes == program.elementBytes else {
                throw failure(.placeDRAM, layer, "writes '\(layer.output.value)' \(layer.output.dims) as '\(tensor.name)' \(tensor.dims) of \(tensor.elementBytes)-byte elements")
            }
            if case .alias(let channelOffset) = layer.work {
                let source = try layer.inputs[0].dramTensor.value
                let start = source.address + channelOffset * DRAMLayoutPass.planeBytes(source)
                guard start == tensor.address, start + tensor.bytes <= source.address + source.bytes,
                      source.bytes == tensor.bytes || DRAMLayoutPass.planeBytes(source) == DRAMLayoutPass.planeBytes(tensor) else {
                    throw failure(.placeDRAM, layer, "reshapes \(source.bytes) bytes at 0x\(Self.hex(source.address)) from channel \(channelOffset) into \(tensor.bytes) bytes at 0x\(Self.hex(tensor.address))")
                }
            } else if let slice = program.slices.slice(of: tensor.name) {
                slices.append((layer, tensor, slice))
            } else {
                values.append(Region(name: "'\(tensor.name)'", bytes: Self.bytes(tensor)))
            }
            tensors[tensor.name] = tensor
        }
        for (layer, tensor, slice) in slices {
            try checkSlice(tensor, of: tensors[slice.concat], at: slice.channelOffset, plane: program.firstPlane(of: slice), layer)
        }
        try checkOutputs(layout, tensors)
        try checkInside(constants, 0..<layout.constants.count, .placeDRAM, "the \(layout.constants.count)-byte constant image")
        try checkInside(constants + values, 0..<layout.bytes, .placeDRAM, "the program's \(layout.bytes) bytes of DRAM")
        try checkDisjoint(constants + values, .placeDRAM, nil, in: "DRAM")
    }

    /// Every slot inside its buffer, clear of the layer's other slots and of the values live on
    /// chip while it runs (from each value's producer to its last reader); each value's producer
    /// writes its box's interior and each reader reads its own padded input box inside it.
    func checkSRAM() throws {
        let values = try program.layers.indices.filter { try program.layers[$0].output.isOnChip }.map(placedValue)
        for (index, layer) in program.layers.enumerated() where layer.work.geometry != nil {
            let plan = try layer.buffers.value
            var regions: [SRAMBuffer.Role: [Region]] = [
                .input: Self.slots("input slot", plan.inputSlots, plan.inputSlotBytes),
                .weight: Self.slots("weight slot", plan.weightSlots, plan.weightSlotBytes)
                    + Self.slots("parameter slot", plan.parameterSlots, plan.parameterSlotBytes)
                    + Self.slots("table", plan.tableBytes > 0 ? [plan.tableAddress] : [], plan.tableBytes),
                .accumulator: Self.slots("accumulator", plan.accumulatorBytes > 0 ? [plan.accumulatorAddress] : [], plan.accumulatorBytes),
                .output: Self.slots("output slot", plan.outputSlots, plan.outputSlotBytes),
            ]
            for value in values where value.isLive(at: index) {
                let role = value.producer == index ? "output" : layer.layer.inputs.contains(value.name) ? "input" : "value"
                regions[.input, default: []].append(Region(name: "the on-chip \(role) '\(value.name)'",
                                                           bytes: value.address..<(value.address + value.bytes)))
            }
            for role in SRAMBuffer.Role.allCases {
                let buffer = program.config.buffer(role)?.bytes ?? 0
                try checkInside(regions[role] ?? [], 0..<buffer, .allocate, "the \(buffer)-byte \(role.rawValue) buffer", layer)
                try checkDisjoint(regions[role] ?? [], .allocate, layer, in: "the \(role.rawValue) buffer")
            }
        }
    }

    /// The value layer `producer` keeps on chip, at the box its output tensor is the interior of;
    /// throws unless the output is exactly that interior and every reader reads its own padded
    /// input box inside the box.
    private func placedValue(producer: Int) throws -> OnChipValue {
        let layer = program.layers[producer]
        let written = try layer.output.sramTensor.value
        guard var value = OnChipValue(program: program, producer: producer) else {
            throw failure(.allocate, layer, "keeps '\(layer.output.value)' on chip, but a layer that reads it cannot read it there")
        }
        value.address = written.address - (value.padTop * value.boxWidth + value.padLeft) * value.elementBytes
        guard written == value.interior else {
            throw failure(.allocate, layer, "writes its on-chip output as \(written), not inside its box at 0x\(Self.hex(value.address))")
        }
        for reader in value.readers {
            guard let geometry = program.layers[reader].work.geometry else { continue }
            for operand in program.layers[reader].inputs where operand.value == value.name {
                let read = try operand.sramTensor.value
                guard read == value.view(forReader: geometry) else {
                    throw failure(.allocate, program.layers[reader], "reads '\(value.name)' on chip as \(read), not as its padded input box inside the box at 0x\(Self.hex(value.address))")
                }
            }
        }
        return value
    }

    /// `tensor` is channels `offset…` of the Concat output `concat`, inside it, starting at plane
    /// `plane` of it (`offset` unless the Concat is stored shuffled).
    private func checkSlice(_ tensor: DRAMTensor, of concat: DRAMTensor?, at offset: Int, plane: Int, _ layer: ScheduledLayer) throws {
        guard let concat, concat.dims.count == tensor.dims.count, concat.dims.count >= 2,
              Array(concat.dims.dropFirst(2)) == Array(tensor.dims.dropFirst(2)), offset + tensor.dims[1] <= concat.dims[1],
              tensor.address == concat.address + plane * DRAMLayoutPass.planeBytes(concat) else {
            throw failure(.placeDRAM, layer, "writes '\(tensor.name)' at 0x\(Self.hex(tensor.address)), not as channels \(offset)… of its Concat's output")
        }
    }

    /// The regions of a layer's weights and parameter records, or its table.
    private func constantRegions(_ layer: ScheduledLayer) throws -> [Region] {
        let name = layer.layer.name
        switch try layer.constants.value {
        case .weights(let weights, let parameters):
            guard case .gemm(let gemm) = layer.work else { throw failure(.placeDRAM, layer, "has weights in DRAM but runs no GEMM") }
            let weightBytes = gemm.conv.weight.shape.elementCount * (gemm.conv.weight.data.elementType == .int8 ? 1 : 4)
            let recordBytes = gemm.geometry.outputChannels * PostInstruction.parameterRecordBytes
            return [Region(name: "the weights of '\(name)'", bytes: weights..<(weights + weightBytes)),
                    Region(name: "the parameter records of '\(name)'", bytes: parameters..<(parameters + recordBytes))]
        case .table(let address):
            guard case .elementwise(let elementwise) = layer.work else { throw failure(.placeDRAM, layer, "has a table in DRAM but runs no ALU") }
            return [Region(name: "the table of '\(name)'", bytes: address..<(address + elementwise.table.count))]
        }
    }

    /// The graph outputs, named as the graph names them, at their values' addresses.
    private func checkOutputs(_ layout: DRAMLayout, _ tensors: [String: DRAMTensor]) throws {
        guard layout.outputs.count == program.graph.outputs.count else {
            throw failure(.placeDRAM, nil, "has \(layout.outputs.count) outputs in DRAM for the graph's \(program.graph.outputs.count)")
        }
        for (tensor, output) in zip(layout.outputs, program.graph.outputs) {
            guard let value = tensors[output.value], tensor.name == output.name, tensor.address == value.address, tensor.dims == value.dims else {
                throw failure(.placeDRAM, nil, "has output '\(tensor.name)' at 0x\(Self.hex(tensor.address)), not where '\(output.value)' is")
            }
        }
    }

    private func checkInside(_ regions: [Region], _ bounds: Range<Int>, _ stage: BackendStage, _ memory: String,
                             _ layer: ScheduledLayer? = nil) throws {
        for region in regions where !region.bytes.isEmpty && (region.bytes.lowerBound < bounds.lowerBound || region.bytes.upperBound > bounds.upperBound) {
            throw failure(stage, layer, "puts \(region.name) at \(Self.text(region.bytes)), outside \(memory)")
        }
    }

    /// No two non-empty regions share a byte: in address order, each starts at or after the end of
    /// every earlier one.
    private func checkDisjoint(_ regions: [Region], _ stage: BackendStage, _ layer: ScheduledLayer?, in memory: String) throws {
        let sorted = regions.filter { !$0.bytes.isEmpty }.sorted { ($0.bytes.lowerBound, $0.bytes.upperBound) < ($1.bytes.lowerBound, $1.bytes.upperBound) }
        guard var reaching = sorted.first else { return }
        for region in sorted.dropFirst() {
            guard region.bytes.lowerBound >= reaching.bytes.upperBound else {
                throw failure(stage, layer, "puts \(region.name) at \(Self.text(region.bytes)) over \(reaching.name) at \(Self.text(reaching.bytes)) in \(memory)")
            }
            if region.bytes.upperBound > reaching.bytes.upperBound { reaching = region }
        }
    }

    private static func slots(_ name: String, _ addresses: [Int], _ bytes: Int) -> [Region] {
        addresses.enumerated().map { Region(name: "\(name) \($0.offset)", bytes: $0.element..<($0.element + bytes)) }
    }

    private static func bytes(_ tensor: DRAMTensor) -> Range<Int> { tensor.address..<(tensor.address + tensor.bytes) }

    private static func text(_ bytes: Range<Int>) -> String { "0x\(hex(bytes.lowerBound))..<0x\(hex(bytes.upperBound))" }

    private static func hex(_ value: Int) -> String { String(value, radix: 16) }
}
