import Accelerator


/// The mutable machine of one run: DRAM, one byte array per SRAM buffer role, and the counters of
/// each layer. `AcceleratorModel` drives it one instruction at a time; the `+Load`, `+Gemm`,
/// `+PostProcessing` and `+Store` extensions give each instruction's data effect.
struct AcceleratorState {
    var dram: DeviceMemory
    /// By `SRAMBuffer.Role.allCases` position; a role the config lacks has 0 bytes.
    var sram: [DeviceMemory]
    /// By layer-table index.
    var layerCounters: [ExecutionCounters]
    /// Counts of instructions whose layer index lies outside the table.
    var unlistedCounters = ExecutionCounters()

    /// DRAM of `program.dramBytes` holding the constants at address 0, and zeroed buffers.
    init(program: AcceleratorProgram, config: HardwareConfig) throws {
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
        return (0..<tensor.count).map {
            Int32(truncatingIfNeeded: dram.element(at: tensor.address + $0 * tensor.elementBytes, width: tensor.elementBytes))
        }
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
        var values: [Int32] = []
        values.reserveCapacity(planes * rows * columns)
        for plane in 0..<planes {
            for row in 0..<rows {
                for column in 0..<columns {
                    let address = tensor.address + (plane * tensor.planePitch + row * tensor.rowPitch + column) * width
                    values.append(Int32(truncatingIfNeeded: memory.element(at: address, width: width)))
                }
            }
        }
        return values
    }

    private func checkInDRAM(_ tensor: DRAMTensor) throws {
        guard [1, 2, 4, 8].contains(tensor.elementBytes), tensor.address >= 0,
              tensor.address + tensor.bytes <= dram.size else {
            throw RuntimeError.tensorOutOfBounds(name: tensor.name, memory: dram.name, address: tensor.address,
                                                 bytes: tensor.bytes, size: dram.size)
        }
    }
}
