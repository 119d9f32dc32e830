import Accelerator
import Cosimulation
import Foundation
import Quantization
import Runtime
import TestSupport

/// A hand-built program for the instruction-level co-simulation tests: constants (weights,
/// parameters, tables) at DRAM 0, the input at `inputAddress`, one output at `outputAddress`; the
/// instructions a test gives are wrapped into one layer and end with `END`.
struct InstructionProgram {
    /// A small array that still has every kind of lane group: Po 2 × Pi 3 × Pk 2 × Pp 2, a 32-bit bus,
    /// an int8 datapath.
    static let config = config(arithmetic: .standard)

    /// The same array with the 32-bit datapath of `de1soc-q10` (int32 elements, int64 accumulators):
    /// the RTL sizes its multipliers and sums from the config's arithmetic mode.
    static let wideConfig = config(arithmetic: .de1socQ10)

    /// The 8-bit array with zc706's DRAM bandwidth and bus (28 B/cycle on 64 bits: four memory
    /// ports a direction, the DRAM's credit admitting 3.5 words a cycle).
    static let fourPortConfig = config(arithmetic: .standard, dram: DRAMInterface(bytesPerCycle: 28, latencyCycles: 12, busWidthBits: 64))

    /// The 8-bit array with zcu102's (96 B/cycle on 128 bits: six ports, all of them every cycle).
    static let sixPortConfig = config(arithmetic: .standard, dram: DRAMInterface(bytesPerCycle: 96, latencyCycles: 15, busWidthBits: 128))

    /// The configs the random instruction programs run on.
    enum Setup: String, CaseIterable, Sendable {
        case int8 = "8-bit"
        case int32 = "de1soc-q10"
        case fourPorts = "8-bit, 4 memory ports"
        case sixPorts = "8-bit, 6 memory ports"

        var config: HardwareConfig {
            switch self {
            case .int8: return InstructionProgram.config
            case .int32: return InstructionProgram.wideConfig
            case .fourPorts: return InstructionProgram.fourPortConfig
            case .sixPorts: return InstructionProgram.sixPortConfig
            }
        }
    }

    private static func config(arithmetic: ArithmeticMode,
                               dram: DRAMInterface = DRAMInterface(bytesPerCycle: 4, latencyCycles: 7, busWidthBits: 32)) -> HardwareConfig {
        HardwareConfig(
            name: dram.ports == 1 ? "rtl-test" : "rtl-test-\(dram.ports)-ports", source: "RTL tests",
            array: PEArray(po: 2, pi: 3, pk: 2, pp: 2), clockMHz: 100,
            buffers: [SRAMBuffer(role: .input, bytes: 4096), SRAMBuffer(role: .weight, bytes: 4096),
                      SRAMBuffer(role: .accumulator, bytes: 4096), SRAMBuffer(role: .output, bytes: 2048)],
            dram: dram,
            costs: InstructionCosts(issueCycles: 1, dmaSetupCycles: 3, computePipelineCycles: 2),
            energy: EnergyModel(int8MultiplyPJ: 0.2, int32AddPJ: 0.1, sramPer64BitPJ: 10, dramPerBitPJ: 20, staticPowerMW: 100),
            features: Features(lutActivations: true, arithmetic: arithmetic))
    }

    /// Where the test simulators are built once per test run and content.
    static let cache = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-rtl-tests")

    static let inputAddress = 2048
    static let outputAddress = 3072

    var constants: [UInt8]
    var input: [Int32]
    var width: Int
    var outputCount: Int

    /// The program of `instructions` (END appended).
    func program(_ instructions: [Instruction]) -> AcceleratorProgram {
        let output = DRAMTensor(name: "y", address: Self.outputAddress, dims: [outputCount], elementBytes: width)
        var program = AcceleratorFixtures.program(
            instructions + [.end(layer: 0)], constants: constants, dramBytes: 4096,
            input: DRAMTensor(name: "x", address: Self.inputAddress, dims: [input.count], elementBytes: width),
            outputs: [output], elementBytes: width)
        program.accumulatorBytes = width == 4 ? 8 : 4
        return program
    }

    /// Co-simulates `instructions` on the config whose datapath has the program's width.
    func cosimulate(_ instructions: [Instruction]) throws -> CosimulationReport {
        let config = width == 4 ? Self.wideConfig : Self.config
        let model = try AcceleratorModel(program: program(instructions), config: config)
        return try Cosimulation.run(model, input: input, cache: Self.cache) { _ in }
    }

    /// A LOAD of `count` constants from DRAM `address` into the weight buffer at `sramAddress`.
    static func weights(at address: Int, count: Int, width: Int, to sramAddress: Int = 0) -> Instruction {
        AcceleratorFixtures.flatLoad(.weight, dramAddress: address, sramAddress: sramAddress, count: count, width: width)
    }

    /// A LOAD of the `[channels][rows][columns]` input with padding into the input buffer at 0,
    /// pushing load→compute.
    func inputBox(channels: Int, rows: Int, columns: Int, pads: (Int, Int, Int, Int) = (0, 0, 0, 0), padValue: Int32 = 0) -> Instruction {
        .load(LoadInstruction(
            dependencies: AcceleratorFixtures.pushNext, layer: 0, buffer: .input, elementBytes: width,
            dramAddress: Self.inputAddress, sramAddress: 0, depth: channels, rows: rows, columns: columns,
            dramPlaneStride: rows * columns * width, dramRowStride: columns * width, padTop: pads.0, padBottom: pads.1,
            padLeft: pads.2, padRight: pads.3, padValue: padValue))
    }

    /// The STORE of `outputCount` contiguous values from the output buffer at 0, popping compute→store.
    var store: Instruction {
        AcceleratorFixtures.flatStore(sramAddress: 0, dramAddress: Self.outputAddress, count: outputCount, width: width,
                                      tokens: DependencyFlags(popPrevious: true, pushPrevious: true))
    }

    /// A contiguous `[c][y][x]` destination in the output buffer at `address`.
    static func output(at address: Int = 0, rows: Int, columns: Int) -> StridedDestination {
        StridedDestination(buffer: .output, address: address, planePitch: rows * columns, rowPitch: columns)
    }

    /// `count` values uniform in `range`, from a fixed seed (SplitMix64).
    static func values(_ count: Int, in range: ClosedRange<Int64>, seed: UInt64) -> [Int32] {
        var state = seed
        return (0..<count).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Int32(range.lowerBound + Int64(z % UInt64(range.upperBound - range.lowerBound + 1)))
        }
    }
}
