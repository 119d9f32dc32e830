@testable import Backend
import IR
import Testing
import Quantization
import TestSupport

@Suite struct GemmWorkGroupsTests {
    /// 16 → 32 channels in 4 groups (4 input and 8 output channels each), tiled 5 output × 3 input
    /// channels: every output tile stays inside its group and sums over that group's inputs only.
    @Test func channelTilesStayInsideTheirGroup() throws {
        let graph = DepthwiseGraphs.grouped(mode: .standard)
        let conv = try #require({ if case .conv(let conv) = graph.layers[0].op { return conv } else { return nil } }())
        let work = GemmWork(geometry: PlaneGeometry(window: conv.window, inputChannels: 16, outputChannels: 32), conv: conv, groups: 4)
        let tiles = work.channelTiles(TileShape(outputChannels: 5, inputChannels: 3, rows: 8, columns: 8, order: .pixelsOuter))
        #expect(tiles.map(\.outputs) == [0..<5, 5..<8, 8..<13, 13..<16, 16..<21, 21..<24, 24..<29, 29..<32])
        #expect(tiles.map(\.group) == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect(tiles.allSatisfy { $0.inputs == [0..<3, 3..<4] })
        #expect(tiles[5].layerChannels(3..<4) == 11..<12, "group 2 starts at input channel 8")
        #expect(work.reducedChannels == 4)
    }

    /// An ordinary convolution is one group over every channel.
    @Test func anUngroupedConvolutionIsOneGroup() throws {
        let graph = DepthwiseGraphs.grouped(mode: .standard)
        let conv = try #require({ if case .conv(let conv) = graph.layers[0].op { return conv } else { return nil } }())
        let work = GemmWork(geometry: PlaneGeometry(window: conv.window, inputChannels: 16, outputChannels: 32), conv: conv)
        let tiles = work.channelTiles(TileShape(outputChannels: 32, inputChannels: 10, rows: 8, columns: 8, order: .pixelsOuter))
        #expect(tiles == [GemmChannelTile(outputs: 0..<32, group: 0, inputs: [0..<10, 10..<16], inputOffset: 0)])
    }
}
