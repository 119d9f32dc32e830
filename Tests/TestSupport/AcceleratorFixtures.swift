import Accelerator

/// The small accelerator the accelerator tests run on, and helpers to assemble programs by hand.
public enum AcceleratorFixtures {
    /// A 2×2×1×2 array, 4 KiB buffers (8 KiB of accumulators), 4 bytes per DRAM cycle.
    public static let config = HardwareConfig(
        name: "test", source: "accelerator tests",
        array: PEArray(po: 2, pi: 2, pk: 1, pp: 2), clockMHz: 100,
        buffers: [SRAMBuffer(role: .input, bytes: 4096), SRAMBuffer(role: .weight, bytes: 4096),
                  SRAMBuffer(role: .accumulator, bytes: 8192), SRAMBuffer(role: .output, bytes: 2048)],
        dram: DRAMInterface(bytesPerCycle: 4, latencyCycles: 10, busWidthBits: 32),
        costs: InstructionCosts(issueCycles: 1, dmaSetupCycles: 2, computePipelineCycles: 3),
        energy: EnergyModel(int8MultiplyPJ: 0.2, int32AddPJ: 0.1, sramPer64BitPJ: 10, dramPerBitPJ: 20, staticPowerMW: 100),
        features: Features(lutActivations: true, arithmetic: .standard))

    /// A program whose only layer, `tile`, holds every instruction.
    public static func program(_ instructions: [Instruction], constants: [UInt8], dramBytes: Int, input: DRAMTensor,
                        outputs: [DRAMTensor], elementBytes: Int = 1) -> AcceleratorProgram {
        let layer = ProgramLayer(name: "tile", op: "conv", firstInstruction: 0, instructionCount: instructions.count,
                                 dramOutput: outputs.first, sramOutput: nil, macs: 0, modeledCycles: 0, rooflineCycles: 0,
                                 dramBytes: 0, compulsoryBytes: 0, tiling: "")
        return AcceleratorProgram(instructions: instructions, layers: [layer], constants: constants, dramBytes: dramBytes,
                                  input: input, outputs: outputs, elementBytes: elementBytes, accumulatorBytes: 4)
    }

    /// `values` as `width`-byte little-endian two's complement.
    public static func littleEndian(_ values: [Int32], width: Int) -> [UInt8] {
        values.flatMap { value in (0..<width).map { UInt8(truncatingIfNeeded: Int64(value) >> (8 * $0)) } }
    }

    /// A contiguous DRAM → SRAM load of `count` elements.
    public static func flatLoad(_ buffer: SRAMBuffer.Role, dramAddress: Int, sramAddress: Int, count: Int, width: Int = 1,
                         tokens: DependencyFlags = .none) -> Instruction {
        .load(LoadInstruction(dependencies: tokens, layer: 0, buffer: buffer, elementBytes: width, dramAddress: dramAddress,
                              sramAddress: sramAddress, depth: 1, rows: 1, columns: count, dramPlaneStride: 0,
                              dramRowStride: 0))
    }

    /// A contiguous output buffer → DRAM store of `count` elements.
    public static func flatStore(sramAddress: Int, dramAddress: Int, count: Int, width: Int = 1,
                          tokens: DependencyFlags = .none) -> Instruction {
        .store(StoreInstruction(dependencies: tokens, layer: 0, elementBytes: width, sramAddress: sramAddress,
                                dramAddress: dramAddress, depth: 1, rows: 1, columns: count, dramPlaneStride: 0,
                                dramRowStride: 0))
    }

    /// Pops the token of the previous unit.
    public static let popPrevious = DependencyFlags(popPrevious: true)
    /// Pushes a token to the next unit.
    public static let pushNext = DependencyFlags(pushNext: true)
    /// Both.
    public static let popPreviousPushNext = DependencyFlags(popPrevious: true, pushNext: true)
}

extension Instruction {
    /// The same store with its layer field set to `layer` (the tests' multi-layer tables).
    public func inLayer(_ layer: Int) -> Instruction {
        guard case .store(var store) = self else { return self }
        store.layer = layer
        return .store(store)
    }
}
