/// A layer's tiling as the `tile` stage chose it, with the tile search's analytic estimate of its
/// cycles.
public struct TileChoice: Hashable, Sendable {
    public var shape: TileShape
    public var estimatedCycles: Int
}
