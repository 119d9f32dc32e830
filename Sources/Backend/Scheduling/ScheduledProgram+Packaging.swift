import Accelerator

/// The scheduled program packaged as the `AcceleratorProgram` the `.bin` holds, with each layer's
/// row of the per-layer table (modeled and roofline cycles, DRAM and compulsory bytes, tiling).
extension ScheduledProgram {
    /// The packaged program; throws `BackendError.undecided` unless every stage has run.
    public var program: AcceleratorProgram {
        get throws {
            let dram = try dram.value
            let instructions = try instructions.value
            return AcceleratorProgram(
                instructions: instructions,
                layers: try layers.map { try programLayer($0, instructions: instructions) },
                constants: dram.constants, dramBytes: dram.bytes, input: dram.input, outputs: dram.outputs,
                elementBytes: elementBytes, accumulatorBytes: accumulatorBytes)
        }
    }

    func programLayer(_ layer: ScheduledLayer, instructions: [Instruction]) throws -> ProgramLayer {
        let compulsory = try compulsoryBytes(layer)
        let peak = Double(config.array.macsPerCycle)
        let roofline = max(Double(layer.macs) / peak, Double(compulsory) / config.dram.bytesPerCycle)
        let range = try layer.instructions.value
        let output = try layer.output.placement
        let dramOutput: DRAMTensor?, sramOutput: SRAMTensor?
        switch output {
        case .dram(let tensor): (dramOutput, sramOutput) = (shuffledLayout(ofOutput: layer) == nil ? tensor : nil, nil)
        case .onChip(let tensor): (dramOutput, sramOutput) = (nil, tensor)
        }
        return ProgramLayer(
            name: layer.layer.name, op: Self.operatorName(layer), firstInstruction: range.lowerBound,
            instructionCount: range.count, dramOutput: dramOutput, sramOutput: sramOutput, macs: layer.macs,
            modeledCycles: try layer.modeledCycles.value, rooflineCycles: Int(roofline.rounded(.up)),
            dramBytes: dramTraffic(instructions[range]), compulsoryBytes: compulsory,
            tiling: layer.tiling.ifDecided.map { TilingDescription.text($0.shape, geometry: layer.work.geometry) } ?? "",
            weightAddress: layer.weightShape == nil ? nil : try layer.weightAddresses().weights, weightShape: layer.weightShape)
    }

    /// The operator the layer table names: a depthwise convolution is `Conv (depthwise)` and a
    /// grouped one `Conv (grouped G)`, so that `--stats`, the trace and the report call them out.
    static func operatorName(_ layer: ScheduledLayer) -> String {
        if case .gemm(let gemm) = layer.work, gemm.depthwise { return layer.layer.op.operatorName + " (depthwise)" }
        if case .gemm(let gemm) = layer.work, gemm.groups > 1 { return layer.layer.op.operatorName + " (grouped \(gemm.groups))" }
        return layer.layer.op.operatorName
    }

    /// Bytes the layer must move at least: its inputs unless on chip, its constants, its output
    /// unless kept on chip. A Concat moves only the inputs it copies, into their slices.
    func compulsoryBytes(_ layer: ScheduledLayer) throws -> Int {
        guard layer.work.geometry != nil else { return 0 }
        let operands = layer.inputs.filter { !slices.isSlice($0.value) }
        let copied = try operands.reduce(layer.constantBytes) { total, operand in
            try operand.isOnChip ? total : total + operand.dims.reduce(1, *) * elementBytes
        }
        guard try !layer.output.isOnChip else { return copied }
        if case .concat = layer.work {
            return copied + operands.map { $0.dims.reduce(1, *) * elementBytes }.reduce(0, +)
        }
        return copied + layer.output.dims.reduce(1, *) * elementBytes
    }

    /// Bytes the loads and stores of `instructions` move.
    func dramTraffic(_ instructions: ArraySlice<Instruction>) -> Int {
        instructions.reduce(0) { total, instruction in
            switch instruction {
            case .load(let load): return total + load.dramBytes
            case .store(let store): return total + store.bytes
            case .gemm, .post, .pool, .alu, .add, .sync, .end: return total
            }
        }
    }
}
