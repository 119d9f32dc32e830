import IR
import Testing
import TestSupport
import VGGCKit

@Suite struct GraphOutlineTests {
    @Test func namesTypesAndOperatorsWithoutTensors() throws {
        let graph = try ShapeInference.infer(SampleGraphs.smallCNN(seed: 1))
        let outline = GraphOutline(graph)
        #expect(outline.inputs == ["input": "f32[1,3,8,8]"])
        #expect(outline.outputs == ["prob"])
        #expect(outline.layers.map(\.name) == graph.nodes.map(\.name))
        #expect(outline.layers[0].op == "Conv" && outline.layers[0].inputs == ["input", "w1", "b1"])
        #expect(outline.layers[0].types == ["f32[1,8,8,8]"])
        #expect(outline.layers.last?.types == ["f32[1,10]"])
    }
}
