import Accelerator


/// The mutable machine of one run: DRAM, one byte array per SRAM buffer role, and the counters of
/// each layer. `AcceleratorModel` drives it one instruction at a time; the `+Load`, `+Gemm`,
/// `+PostProcessing` and `+Store` extensions give each instruction's data effect. After a run,
/// `reset(constants:)` makes it fresh again, so that the model reuses it for the next input
/// instead of allocating and filling the whole DRAM image again.
struct AcceleratorState {
    var dram: DeviceMemory
    /// By `SRAMBuffer.Role.allCases` position; a role the config lacks has 0 bytes.
    var sram: [DeviceMemory]
    /// By layer-table index.
    var layerCounters: [ExecutionCounters]
    /// Counts of instructions whose layer index lies outside the table.
    var unlistedCounters = ExecutionCounters()
    /// The int8 `GEMM` weights packed once for the program.
    let constantWeights: ConstantWeights
    /// The GEMM kernel's buffers, kept between instructions and runs.
    let gemmScratch = GemmScratch()
    /// From the lowest to the highest DRAM byte written since the state was fresh.
    private var writtenDRAM: Range<Int>?

    /// DRAM of `program.dramBytes` holding the constants at address 0, and zeroed buffers.
    init(program: AcceleratorProgram, config: HardwareConfig, constantWeights: ConstantWeights) throws {
        self.constantWeights = constantWeights
        dram = DeviceMemory(name: "DRAM", size: program.dramBytes)
        sram = SRAMBuffer.Role.allCases.map { role in
            DeviceMemory(name: "\(role.rawValue) buffer", size: config.buffer(role)?.bytes ?? 0)
        }
        layerCounters = Array(repeating: ExecutionCounters(), count: program.layers.count)
        guard program.constants.count <= program.dramBytes else {
            throw RuntimeError.tensorOutOfBounds(name: "the constants", memory: "DRAM", address: 0,
                                                 bytes: program.constants.count, size: program.dramBytes)
        }
        dram.replace(at: 0, with: program.constants)
    }

    /// Makes the state as `init` left it for a program with `constants`: zeroed buffers and counters,
    /// and the DRAM bytes written since restored.
    mutating func reset(constants: [UInt8]) {
        for slot in sram.indices { sram[slot].fill(0, at: 0, count: sram[slot].size, width: 1) }
        layerCounters = Array(repeating: ExecutionCounters(), count: layerCounters.count)
        unlistedCounters = ExecutionCounters()
        if let written = writtenDRAM { dram.restore(written, from: constants) }
        writtenDRAM = nil
        gemmScratch.forgetPatches()
    }

    /// Notes that `bytes` of the SRAM buffer with `role` are about to be written (their footprint
    /// checked): packed patches read from them are stale.
    func noteWrite(_ role: SRAMBuffer.Role, _ bytes: Range<Int>) {
        if role == .input { gemmScratch.forgetPatches(overlapping: bytes) }
    }

    /// Notes that `bytes` of DRAM are about to be written (their footprint checked).
    mutating func noteDRAMWrite(_ bytes: Range<Int>) {
        guard !bytes.isEmpty else { return }
        writtenDRAM = writtenDRAM.map { min($0.lowerBound, bytes.lowerBound)..<max($0.upperBound, bytes.upperBound) } ?? bytes
    }

    /// Calls `body` with the first bytes of the `source` buffer (to read) and of the `destination`
    /// buffer (to write), which may be the same one: then both point into it, and nothing is copied.
    /// Both buffers must hold bytes.
    mutating func withBuffers<Result>(reading source: SRAMBuffer.Role, writing destination: SRAMBuffer.Role,
                                      _ body: (UnsafeRawPointer, UnsafeMutableRawPointer) -> Result) -> Result {
        let (from, to) = (Self.slot(source), Self.slot(destination))
        if from == to {
            return sram[to].withUnsafeMutableBytes { body(UnsafeRawPointer($0.baseAddress!), $0.baseAddress!) }
        }
        let reading = sram[from]
        return reading.withUnsafeBytes { bytes in sram[to].withUnsafeMutableBytes { body(bytes.baseAddress!, $0.baseAddress!) } }
    }

    /// The position of `role` in `sram`.
    static func slot(_ role: SRAMBuffer.Role) -> Int { SRAMBuffer.Role.allCases.firstIndex(of: role)! }

    /// Applies the data effect of `instruction` and counts it.
    mutating func execute(_ instruction: Instruction, site: InstructionSite) throws {
        switch instruction {
        case .load(let load): try executeLoad(load, site: site)
        case .gemm(let gemm): try executeGemm(gemm, site: site)
        case .post(let post): try executePost(post, site: site)
        case .pool(let pool): try executePool(pool, site: site)
        case .alu(let alu): try executeALU(alu, site: site)
        case .add(let add): try executeAdd(add, site: site)
        case .store(let store): try executeStore(store, site: site)
        case .sync, .end: break
        }
    }

    /// Applies `update` to the counters of `layer`.
    mutating func count(layer: Int, _ update: (inout ExecutionCounters) -> Void) {
        if layerCounters.indices.contains(layer) {
            update(&layerCounters[layer])
        } else {
            update(&unlistedCounters)
        }
    }

    /// Writes `values` (host order) as `tensor.elementBytes`-byte values at `tensor.address`.
    mutating func write(_ values: [Int32], to tensor: DRAMTensor) throws {
        try checkInDRAM(tensor)
        guard values.count == tensor.count else {
            throw RuntimeError.inputSizeMismatch(name: tensor.name, expected: tensor.count, actual: values.count)
        }
        let width = tensor.elementBytes
        let bits = 8 * width
        noteDRAMWrite(tensor.address..<(tensor.address + tensor.bytes))
        for (index, value) in values.enumerated() {
            guard bits >= 32 || (Int64(value) >> (bits - 1) == 0 || Int64(value) >> (bits - 1) == -1) else {
                throw RuntimeError.inputValueOutOfRange(name: tensor.name, index: index, value: value, elementBytes: width)
            }
            dram.setElement(Int64(value), at: tensor.address + index * width, width: width)
        }
    }

    /// The stored values of `tensor`, row-major.
    func read(_ tensor: DRAMTensor) throws -> [Int32] {
        try checkInDRAM(tensor)
        return dram.values(at: tensor.address, columns: tensor.count, width: tensor.elementBytes)
    }

    /// The stored values of the on-chip `tensor` (`[N, C, H, W]` or `[N, K]`), row-major; the `N × C`
    /// planes follow one another at `planePitch`.
    func read(_ tensor: SRAMTensor, name: String) throws -> [Int32] {
        let planes = tensor.dims.prefix(2).reduce(1, *)
        let rows = tensor.dims.count > 2 ? tensor.dims[2] : 1
        let columns = tensor.dims.count > 3 ? tensor.dims[3...].reduce(1, *) : 1
        let memory = sram[Self.slot(tensor.buffer)]
        let width = tensor.elementBytes
        let extents = [(count: planes, pitch: tensor.planePitch * width), (count: rows, pitch: tensor.rowPitch * width),
                       (count: columns, pitch: width)]
        let span = extents.allSatisfy { $0.count > 0 } ? extents.reduce(width) { $0 + ($1.count - 1) * $1.pitch } : 0
        guard [1, 2, 4, 8].contains(width), tensor.address >= 0, tensor.planePitch >= 0, tensor.rowPitch >= 0,
              tensor.address + span <= memory.size else {
            throw RuntimeError.tensorOutOfBounds(name: name, memory: memory.name, address: tensor.address, bytes: span,
                                                 size: memory.size)
        }
        return memory.values(at: tensor.address, planes: planes, planePitch: tensor.planePitch * width, rows: rows,
                             rowPitch: tensor.rowPitch * width, columns: columns, width: width)
    }

    private func checkInDRAM(_ tensor: DRAMTensor) throws {
        guard [1, 2, 4, 8].contains(tensor.elementBytes), tensor.address >= 0,
              tensor.address + tensor.bytes <= dram.size else {
            throw RuntimeError.tensorOutOfBounds(name: tensor.name, memory: dram.name, address: tensor.address,
                                                 bytes: tensor.bytes, size: dram.size)
        }
    }
}
