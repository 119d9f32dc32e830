import Accelerator


/// What the accelerator model counted while it ran a program (or one layer of it): multiply-
/// accumulates, bytes read and written per SRAM buffer and in DRAM, and the cycles each unit
/// stalled waiting for a dependency token, by unit and by the queue it waited on.
///
/// SRAM traffic counts each operand's footprint once per instruction (the PE array reuses it from
/// registers): a `GEMM` reads its input box, its weight block and, unless it resets, its
/// accumulators, and writes its accumulators; `POST` reads its accumulators and 12-byte parameter
/// records and writes its results; `POOL` reads its input box; `ALU` reads its inputs and its table;
/// `LOAD` writes its box, padding included; `STORE` reads its tile.
public struct ExecutionCounters: Hashable, Sendable {
    /// Multiply-accumulates the `GEMM`s performed.
    public var macs = 0
    /// Bytes read from and written to DRAM by the DMA engines.
    public var dramBytesRead = 0
    public var dramBytesWritten = 0
    /// By `SRAMBuffer.Role.allCases` position.
    private var sramRead = Array(repeating: 0, count: SRAMBuffer.Role.allCases.count)
    private var sramWritten = Array(repeating: 0, count: SRAMBuffer.Role.allCases.count)
    /// By `ExecutionUnit.rawValue` and `TokenQueue.rawValue`.
    private var unitStalls = Array(repeating: 0, count: ExecutionUnit.allCases.count)
    private var queueStalls = Array(repeating: 0, count: TokenQueue.allCases.count)

    public init() {}

    /// Bytes read from the buffer with `role`.
    public func sramBytesRead(_ role: SRAMBuffer.Role) -> Int { sramRead[Self.position(role)] }
    /// Bytes written to the buffer with `role`.
    public func sramBytesWritten(_ role: SRAMBuffer.Role) -> Int { sramWritten[Self.position(role)] }
    /// SRAM bytes read and written, all buffers together.
    public var sramBytes: Int { sramRead.reduce(0, +) + sramWritten.reduce(0, +) }
    /// DRAM bytes read and written.
    public var dramBytes: Int { dramBytesRead + dramBytesWritten }
    /// Cycles `unit` waited for tokens after it was free and its instruction dispatched.
    public func stallCycles(of unit: ExecutionUnit) -> Int { unitStalls[unit.rawValue] }
    /// Cycles the unit that pops `queue` waited on it (each stall is charged to the queue it waited on longest).
    public func stallCycles(waitingOn queue: TokenQueue) -> Int { queueStalls[queue.rawValue] }

    mutating func recordSRAMRead(_ role: SRAMBuffer.Role, bytes: Int) { sramRead[Self.position(role)] += bytes }
    mutating func recordSRAMWrite(_ role: SRAMBuffer.Role, bytes: Int) { sramWritten[Self.position(role)] += bytes }

    /// Charges one instruction's stall of `cycles` on `unit` to `queue`.
    mutating func recordStall(unit: ExecutionUnit, queue: TokenQueue?, cycles: Int) {
        unitStalls[unit.rawValue] += cycles
        if let queue { queueStalls[queue.rawValue] += cycles }
    }

    /// Adds every count of `other`.
    public mutating func add(_ other: ExecutionCounters) {
        macs += other.macs
        dramBytesRead += other.dramBytesRead
        dramBytesWritten += other.dramBytesWritten
        for index in sramRead.indices {
            sramRead[index] += other.sramRead[index]
            sramWritten[index] += other.sramWritten[index]
        }
        for index in unitStalls.indices { unitStalls[index] += other.unitStalls[index] }
        for index in queueStalls.indices { queueStalls[index] += other.queueStalls[index] }
    }

    private static func position(_ role: SRAMBuffer.Role) -> Int { SRAMBuffer.Role.allCases.firstIndex(of: role)! }
}
