/// One contiguous byte range an instruction reads or writes: the span from its first to its last
/// byte (strided accesses touch a subset of it).
public struct MemoryAccess: Hashable, Sendable {
    /// DRAM, or one SRAM buffer.
    public enum Space: Hashable, Sendable {
        case dram
        case sram(SRAMBuffer.Role)
    }

    public var space: Space
    public var bytes: Range<Int>
    public var isWrite: Bool

    public init(space: Space, bytes: Range<Int>, isWrite: Bool) {
        self.space = space
        self.bytes = bytes
        self.isWrite = isWrite
    }

    /// The span of a strided 3-D box: `count` elements of `elementBytes` per row, `rows` rows
    /// `rowPitch` bytes apart, `planes` planes `planePitch` bytes apart, from `start`. Empty when
    /// any extent is zero.
    package static func span(start: Int, planes: Int, planePitch: Int, rows: Int, rowPitch: Int, count: Int, elementBytes: Int) -> Range<Int> {
        guard planes > 0, rows > 0, count > 0 else { return start..<start }
        return start..<(start + (planes - 1) * planePitch + (rows - 1) * rowPitch + count * elementBytes)
    }
}
