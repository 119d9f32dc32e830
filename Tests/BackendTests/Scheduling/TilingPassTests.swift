@testable import Backend
import Testing

@Suite struct TilingPassTests {
    /// Golden `tile/`: every layer with a geometry gets a tiling, the reshape none.
    @Test(arguments: SchedulingGolden.cases)
    func golden(_ testCase: SchedulingGolden.Case) throws {
        let (_, output) = try SchedulingGolden.check(.tile, testCase)
        #expect(output.layers.map(\.tiling.isDecided) == [true, true, true, false, true])
    }

    @Test func bufferTooSmallForTheSmallestTileNamesTheLayerAndBytes() throws {
        var tiny = SchedulingFixtures.config(input: 64, weight: 64, accumulator: 64, output: 64)
        tiny.buffers[2].bytes = 8
        #expect(throws: BackendError.layerDoesNotFit(
            layer: "conv1", target: "vta", reason: "the accumulator buffer needs 16 bytes for the smallest tile, has 8")) {
            try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), tiny)
        }
    }
}
