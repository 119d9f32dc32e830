@testable import Backend
import Testing

@Suite struct TilingPassTests {
    /// Golden `tile/`: every layer with a geometry gets a tiling; the reshape and a Concat written in
    /// place by its inputs none.
    @Test(arguments: SchedulingGolden.cases)
    func golden(_ testCase: SchedulingGolden.Case) throws {
        let (_, output) = try SchedulingGolden.check(.tile, testCase)
        let untiled: [Int]
        switch testCase.fixture {
        case .small: untiled = [3]
        case .residual, .separable: untiled = []
        case .concats: untiled = [8]
        }
        #expect(output.layers.indices.filter { !output.layers[$0].tiling.isDecided } == untiled)
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
