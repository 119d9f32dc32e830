/// How a layer is cut into tiles and in which order the tiles run. Input channels are always the
/// innermost loop (partial sums stay in the accumulator); the order says which of output channels
/// and output pixels is outermost.
public struct TileShape: Hashable, Sendable {
    /// Which loop is outermost.
    public enum Order: String, Hashable, Sendable, CaseIterable {
        /// Pixel tiles outer, output-channel tiles inner: an input tile stays while every weight
        /// tile passes over it.
        case pixelsOuter = "pixels-outer"
        /// Output-channel tiles outer: a weight tile stays while every pixel tile passes under it.
        case outputsOuter = "outputs-outer"
    }

    /// Output channels per tile (for pooling and elementwise layers, channels per tile).
    public var outputChannels: Int
    /// Input channels per tile (equal to `outputChannels` for pooling and elementwise layers).
    public var inputChannels: Int
    /// Output rows per tile.
    public var rows: Int
    /// Output columns per tile.
    public var columns: Int
    public var order: Order

    public init(outputChannels: Int, inputChannels: Int, rows: Int, columns: Int, order: Order) {
        self.outputChannels = outputChannels
        self.inputChannels = inputChannels
        self.rows = rows
        self.columns = columns
        self.order = order
    }
}

/// The tiles of one dimension of `size` cut every `tile`: `[0, tile), [tile, 2·tile), …`.
struct TileRanges: Sequence {
    let size: Int
    let tile: Int

    var count: Int { (size + tile - 1) / tile }

    func makeIterator() -> AnyIterator<Range<Int>> {
        var start = 0
        return AnyIterator {
            guard start < size else { return nil }
            defer { start += tile }
            return start..<Swift.min(size, start + tile)
        }
    }
}
