/// Where one layer's slots live in each SRAM buffer: byte addresses of the ping and pong slots
/// (one address when a single tile passes through), of the parameter records and tables, and of
/// the accumulator tile.
public struct BufferPlan: Hashable, Sendable {
    public var inputSlots: [Int] = []
    public var inputSlotBytes = 0
    public var weightSlots: [Int] = []
    public var weightSlotBytes = 0
    public var parameterSlots: [Int] = []
    public var parameterSlotBytes = 0
    public var tableAddress = 0
    public var tableBytes = 0
    public var accumulatorAddress = 0
    public var accumulatorBytes = 0
    public var outputSlots: [Int] = []
    public var outputSlotBytes = 0
}

extension BufferPlan {
    /// Lays the slots of `footprint` out: input slots from `inputBase`, weights then parameters then
    /// the table in the weight buffer from `weightBase`, the accumulator and output slots from
    /// address 0. A plan without a table puts it at 0.
    init(footprint: TileFootprint, inputBase: Int, weightBase: Int = 0) {
        self.init()
        inputSlotBytes = footprint.inputSlotBytes
        inputSlots = (0..<footprint.inputSlots).map { inputBase + $0 * footprint.inputSlotBytes }
        weightSlotBytes = footprint.weightSlotBytes
        weightSlots = (0..<footprint.weightSlots).map { weightBase + $0 * footprint.weightSlotBytes }
        let parameterBase = weightBase + footprint.weightSlots * footprint.weightSlotBytes
        parameterSlotBytes = footprint.parameterSlotBytes
        parameterSlots = (0..<footprint.parameterSlots).map { parameterBase + $0 * footprint.parameterSlotBytes }
        tableAddress = footprint.tableBytes > 0 ? parameterBase + footprint.parameterSlots * footprint.parameterSlotBytes : 0
        tableBytes = footprint.tableBytes
        accumulatorBytes = footprint.accumulatorBytes
        outputSlotBytes = footprint.outputSlotBytes
        outputSlots = (0..<footprint.outputSlots).map { $0 * footprint.outputSlotBytes }
    }
}

extension BufferPlan {
    /// The bytes of the weight buffer that the weight, parameter and table slots span (empty at 0
    /// when the layer has none).
    var weightBufferRange: Range<Int> {
        let starts = weightSlots + parameterSlots + (tableBytes > 0 ? [tableAddress] : [])
        let ends = weightSlots.map { $0 + weightSlotBytes } + parameterSlots.map { $0 + parameterSlotBytes }
            + (tableBytes > 0 ? [tableAddress + tableBytes] : [])
        guard let start = starts.min(), let end = ends.max() else { return 0..<0 }
        return start..<end
    }
}
