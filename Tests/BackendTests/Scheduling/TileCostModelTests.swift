@testable import Backend
import Testing

@Suite struct TileCostModelTests {
    /// The closed form against the sum over the tiles themselves.
    @Test func passesEqualTheSumOverTiles() {
        for size in 1...40 { for tile in 1...size { for lanes in [1, 3, 4, 16] {
            let summed = TileRanges(size: size, tile: tile).reduce(0) { $0 + ($1.count + lanes - 1) / lanes }
            #expect(TileCostModel.passes(size: size, tile: tile, lanes: lanes) == summed, "\(size) \(tile) \(lanes)")
        } } }
    }
}
