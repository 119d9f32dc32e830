extension AcceleratorProgram {
    /// The most DRAM a program may declare (4 GiB): the simulator allocates it before running.
    public static let largestDRAMBytes = 1 << 32
    /// The largest dimension of any stored tensor.
    public static let largestDimension = 1 << 24
    /// The most elements of any stored tensor.
    public static let largestTensorElements = 1 << 30
    /// The most element operations (`Instruction.work`: multiply-accumulates, pooling taps,
    /// elements computed, loaded and stored) a program may ask for in all (2^50, about 10^15):
    /// bounds every cycle count the timing model forms and the work of one run.
    public static let largestProgramWork = 1 << 50

    /// Checks a decoded program for `config` against the limits docs/FORMAT.md documents before
    /// anything allocates or runs: element widths, DRAM size, every DRAM and on-chip tensor inside
    /// its memory, every layer's instruction range inside the stream. Throws
    /// `AcceleratorError.malformedSection` naming the section and the numbers.
    public func validate(config: HardwareConfig, path: String) throws {
        func fail(_ tag: BinSection.Tag, _ reason: String) -> AcceleratorError {
            .malformedSection(path: path, section: tag.rawValue, reason: reason)
        }
        guard [1, 4].contains(elementBytes), [4, 8].contains(accumulatorBytes) else {
            throw fail(.interface, "element and accumulator widths \(elementBytes) and \(accumulatorBytes) bytes; "
                                   + "the machine has 1 or 4, and 4 or 8")
        }
        guard (0...Self.largestDRAMBytes).contains(dramBytes) else {
            throw fail(.interface, "\(dramBytes) bytes of DRAM; at most \(Self.largestDRAMBytes)")
        }
        for tensor in [input] + outputs {
            try check(tensor, dramBytes: dramBytes, section: .interface, path: path)
        }
        try checkLayers(config: config, path: path)
        try checkWork(path: path)
    }

    /// The element operations of the whole stream (`Instruction.work` summed), or nil when the sum
    /// overflows or exceeds `largestProgramWork`.
    public var work: Int? {
        let tally = workTally()
        return tally.firstBeyondLimit == nil ? tally.total : nil
    }

    /// The sum of the instructions' work up to the first instruction that takes it beyond
    /// `largestProgramWork` (nil when none does).
    private func workTally() -> (total: Int, firstBeyondLimit: Int?) {
        var total = 0
        for (index, instruction) in instructions.enumerated() {
            guard let work = instruction.work, work <= Self.largestProgramWork - total else { return (total, index) }
            total += work
        }
        return (total, nil)
    }

    /// Refuses a program whose instructions ask for more than `largestProgramWork` element
    /// operations in all, naming the first instruction beyond it.
    private func checkWork(path: String) throws {
        guard let index = workTally().firstBeyondLimit else { return }
        let instruction = instructions[index]
        throw AcceleratorError.malformedSection(
            path: path, section: BinSection.Tag.instructions.rawValue,
            reason: "instruction \(index) (\(instruction.mnemonic) \(instruction.workFactors.map(String.init).joined(separator: "×"))) "
                    + "takes the program beyond \(Self.largestProgramWork) element operations")
    }

    private func checkLayers(config: HardwareConfig, path: String) throws {
        let instructionCount = instructions.count
        for layer in layers {
            func fail(_ reason: String) -> AcceleratorError {
                .malformedSection(path: path, section: BinSection.Tag.layers.rawValue, reason: "layer '\(layer.name)': \(reason)")
            }
            guard layer.firstInstruction >= 0, layer.instructionCount >= 0,
                  layer.instructionCount <= instructionCount - min(layer.firstInstruction, instructionCount) else {
                throw fail("instructions \(layer.firstInstruction) + \(layer.instructionCount) outside the \(instructionCount)-instruction stream")
            }
            guard [layer.macs, layer.modeledCycles, layer.rooflineCycles, layer.dramBytes, layer.compulsoryBytes].allSatisfy({ $0 >= 0 }) else {
                throw fail("a negative count")
            }
            if let output = layer.dramOutput {
                try check(output, dramBytes: dramBytes, section: .layers, path: path)
            }
            if let output = layer.sramOutput {
                try check(output, size: config.buffer(output.buffer)?.bytes ?? 0, fail: fail)
            }
        }
    }

    private func check(_ tensor: DRAMTensor, dramBytes: Int, section: BinSection.Tag, path: String) throws {
        guard let count = Self.elementCount(tensor.dims), [1, 2, 4, 8].contains(tensor.elementBytes), tensor.address >= 0,
              tensor.address <= dramBytes, count * tensor.elementBytes <= dramBytes - tensor.address else {
            throw AcceleratorError.malformedSection(
                path: path, section: section.rawValue,
                reason: "DRAM tensor '\(tensor.name)' (dims \(tensor.dims), \(tensor.elementBytes)-byte elements at \(tensor.address)) "
                        + "does not lie in the \(dramBytes) bytes of DRAM")
        }
    }

    private func check(_ tensor: SRAMTensor, size: Int, fail: (String) -> AcceleratorError) throws {
        guard Self.elementCount(tensor.dims) != nil, [1, 4].contains(tensor.elementBytes),
              [tensor.address, tensor.planePitch, tensor.rowPitch].allSatisfy({ (0...HardwareConfig.largestBufferBytes).contains($0) }),
              lastByte(of: tensor) < size else {
            throw fail("on-chip tensor (dims \(tensor.dims) at \(tensor.address), pitches \(tensor.planePitch) and \(tensor.rowPitch)) "
                       + "does not lie in the \(size)-byte \(tensor.buffer.rawValue) buffer")
        }
    }

    /// The byte just past the last element of an on-chip tensor whose fields are already bounded.
    private func lastByte(of tensor: SRAMTensor) -> Int {
        let dims = tensor.dims
        let (channels, height, width) = dims.count == 4 ? (dims[1], dims[2], dims[3])
            : dims.count == 3 ? (dims[1], 1, dims[2]) : (dims.count > 1 ? dims[1] : 1, 1, 1)
        guard channels > 0, height > 0, width > 0 else { return tensor.address }
        let last = (channels - 1) * tensor.planePitch + (height - 1) * tensor.rowPitch + width
        return tensor.address + last * tensor.elementBytes - 1
    }

    /// The product of `dims`, or nil for a negative dimension, one above `largestDimension` or a
    /// product above `largestTensorElements`.
    package static func elementCount(_ dims: [Int]) -> Int? {
        var product = 1
        for dim in dims {
            guard (0...largestDimension).contains(dim) else { return nil }
            product *= dim
            guard product <= largestTensorElements else { return nil }
        }
        return product
    }
}
