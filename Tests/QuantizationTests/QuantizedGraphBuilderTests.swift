import IR
@testable import Quantization
import Testing

@Suite struct QuantizedGraphBuilderTests {
    /// Two convolutions share `%w`, a third reads `%v`.
    static let sharedWeights = """
        graph shared
        input %x : f32[1,2,4,4]
        init %w : f32[2,2,1,1] = [1,-1,2,0.5]
        init %v : f32[2,2,1,1] = [1,1,1,1]
        %a = Conv(%x, %w) {kernel=[1,1], strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1}  # first
        %b = Conv(%a, %w) {kernel=[1,1], strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1}  # second
        %c = Conv(%b, %v) {kernel=[1,1], strides=[1,1], pads=[0,0,0,0], dilations=[1,1], group=1}  # third
        output %c
        """

    /// A constant leaves the builder's graph with the last node that reads it, not before.
    @Test func releasesEachConstantAfterItsLastReader() throws {
        let graph = try ShapeInference.infer(IRParser.parse(Self.sharedWeights))
        let ranges = Dictionary(uniqueKeysWithValues: graph.types.keys.map { ($0, Float(-2)...Float(2)) })
        var builder = try QuantizedGraphBuilder(graph: graph, ranges: ranges, options: QuantizationOptions())
        let lastReaders = graph.lastReaders()
        var kept: [[String]] = []
        for (index, node) in graph.nodes.enumerated() {
            try builder.add(node)
            builder.releaseConstants(readLastBy: node, at: index, lastReaders: lastReaders)
            kept.append(builder.graph.initializers.keys.sorted())
        }
        #expect(kept == [["v", "w"], ["v"], []])
        #expect(try builder.finish() == (try Quantizer.quantize(graph, ranges: ranges, options: QuantizationOptions())))
    }
}
