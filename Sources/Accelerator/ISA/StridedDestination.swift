/// Where a compute instruction writes its int8 (or int32, `de1soc-q10`) results: element
/// `[c][y][x]` goes to byte `address + (c × planePitch + y × rowPitch + x) × elementBytes` of
/// `buffer`. Writing into the input buffer keeps a layer's output on chip as the next layer's input.
public struct StridedDestination: Hashable, Sendable, Codable {
    /// 2 bits: `output` (normally) or `input` (the next layer's resident input).
    public var buffer: SRAMBuffer.Role
    /// 24 bits, bytes.
    public var address: Int
    /// 32 bits, elements between channel planes.
    public var planePitch: Int
    /// 16 bits, elements between rows.
    public var rowPitch: Int

    public init(buffer: SRAMBuffer.Role, address: Int, planePitch: Int, rowPitch: Int) {
        self.buffer = buffer
        self.address = address
        self.planePitch = planePitch
        self.rowPitch = rowPitch
    }
}
