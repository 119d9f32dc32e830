/// A layer output kept on chip for the layers that read it: element `[c][y][x]` of the `[C, H, W]` value is at
/// byte `address + (c × planePitch + y × rowPitch + x) × elementBytes` of `buffer`.
public struct SRAMTensor: Codable, Hashable, Sendable {
    public var buffer: SRAMBuffer.Role
    public var address: Int
    public var planePitch: Int
    public var rowPitch: Int
    /// `[N, C, H, W]` (or `[N, K]`).
    public var dims: [Int]
    public var elementBytes: Int

    public init(buffer: SRAMBuffer.Role, address: Int, planePitch: Int, rowPitch: Int, dims: [Int], elementBytes: Int) {
        self.buffer = buffer
        self.address = address
        self.planePitch = planePitch
        self.rowPitch = rowPitch
        self.dims = dims
        self.elementBytes = elementBytes
    }
}
