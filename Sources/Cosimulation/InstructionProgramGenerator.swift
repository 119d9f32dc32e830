import Accelerator
import IR
import Quantization

/// Makes small valid programs, each exercising one `InstructionKind` with random shapes, fields and
/// DRAM contents, for checking an implementation of the ISA (the RTL under Verilator) against
/// `AcceleratorModel` instruction kind by instruction kind.
///
/// It lives beside `Cosimulation` rather than in the tests because it is about the machine, not the
/// test suite: bringing the RTL up on another config (another array, bus or arithmetic mode) needs
/// the same programs, and the programs are built only through the Accelerator module's API.
///
/// DRAM is three regions of `regionBytes`: random constants (storage values in `de1soc-q10`), the
/// input (random storage values), and a random output region the `STORE`s write into; the
/// program's output is the whole DRAM, and so is its last layer's (`assembled`). The same seed gives the same
/// program. Shapes are drawn small and shrunk until every buffer holds them.
public struct InstructionProgramGenerator {
    /// Bytes of each DRAM region (constants, input, output).
    public static let regionBytes = 4096
    /// The smallest input, weight, accumulator and output buffer the generator's shapes fit.
    public static let smallestBufferBytes = 1024

    public let config: HardwareConfig
    /// Bytes per stored value and per accumulator entry in the config's arithmetic mode.
    let width: Int, accumulatorWidth: Int
    let storage: ClosedRange<Int32>
    /// The most elements one box or destination tile may hold: half the smaller of the input and
    /// output buffers.
    let elementBudget: Int
    var random: SeededGenerator
    /// The program being made: DRAM contents and instructions.
    var dram: [UInt8] = []
    var instructions: [Instruction] = []
    /// The end of the values the program's constant loads wrote into the constants region.
    var constantsEnd = 0

    /// A generator for `config`; throws `CosimulationError.bufferTooSmall` for a config with a
    /// buffer below `smallestBufferBytes`.
    public init(config: HardwareConfig) throws {
        for role in [SRAMBuffer.Role.input, .weight, .accumulator, .output] {
            let bytes = config.buffer(role)?.bytes ?? 0
            guard bytes >= Self.smallestBufferBytes else {
                throw CosimulationError.bufferTooSmall(buffer: role.rawValue, bytes: bytes, needed: Self.smallestBufferBytes)
            }
        }
        self.config = config
        let arithmetic = config.features.arithmetic
        width = arithmetic.storageType == .int32 ? 4 : 1
        accumulatorWidth = width == 1 ? 4 : 8
        storage = arithmetic.storageRange
        elementBudget = min(config.buffer(.input)?.bytes ?? 0, config.buffer(.output)?.bytes ?? 0) / width / 2
        random = SeededGenerator(seed: 0)
    }

    /// The program exercising `kind` that `seed` gives, checked by `AcceleratorProgram.validate`.
    public mutating func program(_ kind: InstructionKind, seed: UInt64) throws -> GeneratedProgram {
        random = SeededGenerator(seed: seed ^ (UInt64(InstructionKind.allCases.firstIndex(of: kind) ?? 0) << 56))
        fillDRAM()
        instructions = []
        constantsEnd = 0
        switch kind {
        case .load: makeLoadProgram()
        case .gemm: makeGemmProgram()
        case .depthwiseGemm: makeDepthwiseProgram()
        case .foldedGemm: makeFoldedProgram()
        case .post: makePostProgram()
        case .pool: makePoolProgram()
        case .alu: makeALUProgram()
        case .add: makeAddProgram()
        case .store: makeStoreProgram()
        case .sync: makeSyncProgram()
        case .pointwiseGemm: makePointwiseProgram()
        }
        let program = assembled(kind)
        try program.validate(config: config, path: "generated \(kind.rawValue) program, seed \(seed)")
        let inputBytes = dram[Self.inputRegion]
        let input = stride(from: 0, to: inputBytes.count, by: width).map { element(of: Array(inputBytes), at: $0) }
        return GeneratedProgram(kind: kind, seed: seed, program: program, input: input)
    }

    static var inputRegion: Range<Int> { regionBytes..<(2 * regionBytes) }
    static var outputRegion: Range<Int> { (2 * regionBytes)..<(3 * regionBytes) }
    static var dramBytes: Int { 3 * regionBytes }

    /// The program of `instructions` (and `END`) over `dram`. When the stream ends in its `STORE`s
    /// (every kind but `sync`), it has two layers: the instructions before them, whose output is the
    /// output-buffer region the `STORE`s read (compared on chip), and the `STORE`s, whose output is
    /// all of DRAM; otherwise one layer with all of DRAM.
    private func assembled(_ kind: InstructionKind) -> AcceleratorProgram {
        let everything = DRAMTensor(name: "dram", address: 0, dims: [Self.dramBytes], elementBytes: 1)
        let input = DRAMTensor(name: "input", address: Self.inputRegion.lowerBound, dims: [Self.regionBytes / width],
                               elementBytes: width)
        let stores = instructions.compactMap { instruction -> StoreInstruction? in
            if case .store(let store) = instruction { return store } else { return nil }
        }
        var layers: [ProgramLayer] = []
        var stream = instructions
        if kind != .sync, let first = stream.firstIndex(where: { $0.unit == .store }) {
            let end = stores.map { $0.sramAddress + $0.depth * $0.rows * $0.columns * width }.max() ?? 0
            let region = SRAMTensor(buffer: .output, address: 0, planePitch: 0, rowPitch: 0, dims: [1, 1, 1, end / width],
                                    elementBytes: width)
            layers.append(layer("\(kind.rawValue) on chip", instructions: 0..<first, dramOutput: nil, sramOutput: region))
            stream = stream.prefix(first) + stream[first...].map { instruction in
                guard case .store(var store) = instruction else { return instruction }
                store.layer = 1
                return .store(store)
            }
        }
        layers.append(layer(kind.rawValue, instructions: (layers.last?.instructions.upperBound ?? 0)..<(stream.count + 1),
                            dramOutput: everything, sramOutput: nil))
        stream.append(.end(layer: layers.count - 1))
        return AcceleratorProgram(instructions: stream, layers: layers, constants: dram, dramBytes: Self.dramBytes,
                                  input: input, outputs: [everything], elementBytes: width, accumulatorBytes: accumulatorWidth)
    }

    private func layer(_ name: String, instructions: Range<Int>, dramOutput: DRAMTensor?, sramOutput: SRAMTensor?) -> ProgramLayer {
        ProgramLayer(name: name, op: name, firstInstruction: instructions.lowerBound, instructionCount: instructions.count,
                     dramOutput: dramOutput, sramOutput: sramOutput, macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0,
                     compulsoryBytes: 0, tiling: "")
    }

    /// Random DRAM: bytes in 8-bit modes, storage values in `de1soc-q10` (so that every aligned
    /// element is one the datapath is specified for).
    private mutating func fillDRAM() {
        dram = []
        dram.reserveCapacity(Self.dramBytes)
        while dram.count < Self.dramBytes {
            appendLittleEndian(Int64(value(in: storage)), width: width, to: &dram)
        }
    }

    /// The signed `width`-byte little-endian element of `bytes` at `offset`.
    private func element(of bytes: [UInt8], at offset: Int) -> Int32 {
        var value: Int64 = 0
        for byte in (0..<width).reversed() { value = value << 8 | Int64(bytes[offset + byte]) }
        let shift = 64 - 8 * width
        return Int32(truncatingIfNeeded: (value << shift) >> shift)
    }

    // MARK: Random draws

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }

    mutating func value(in range: ClosedRange<Int32>) -> Int32 { Int32.random(in: range, using: &random) }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }

    /// A gap of 0 (half the time) or 1...`most`.
    mutating func gap(_ most: Int) -> Int { chance(0.5) ? 0 : int(1...most) }

    /// `low...high` inside the storage range: the full range, a ReLU-like floor at `floor`, or a
    /// random sub-range.
    mutating func clampRange(floor: Int32) -> (Int32, Int32) {
        switch int(0...2) {
        case 0: return (storage.lowerBound, storage.upperBound)
        case 1: return (min(max(floor, storage.lowerBound), storage.upperBound), storage.upperBound)
        default:
            let (a, b) = (value(in: storage), value(in: storage))
            return (min(a, b), max(a, b))
        }
    }

    /// `dims` with its largest entry lowered until their product is at most `budget`.
    static func shrunk(_ dims: [Int], toAtMost budget: Int) -> [Int] {
        var dims = dims
        while dims.reduce(1, *) > budget, let largest = dims.indices.max(by: { dims[$0] < dims[$1] }), dims[largest] > 1 {
            dims[largest] -= 1
        }
        return dims
    }

    // MARK: DRAM writes

    /// Writes `values` as `width`-byte little-endian at DRAM `address`.
    mutating func poke(_ values: [Int64], width: Int, at address: Int) {
        var bytes: [UInt8] = []
        for value in values { appendLittleEndian(value, width: width, to: &bytes) }
        dram.replaceSubrange(address..<(address + bytes.count), with: bytes)
    }

    private func appendLittleEndian(_ value: Int64, width: Int, to bytes: inout [UInt8]) {
        for byte in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * byte))) }
    }

    /// A random DRAM address in `region` at which `bytes` bytes fit, a multiple of `alignment`.
    mutating func address(in region: Range<Int>, for bytes: Int, alignment: Int) -> Int {
        let room = max(0, region.count - bytes)
        return region.lowerBound + int(0...room / alignment) * alignment
    }
}
