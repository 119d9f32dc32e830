import Foundation
import IR
import Reference
import Testing
import VGGCKit

@Suite struct FloatReferenceTests {
    /// The reference runs the canonical graph: its outputs equal the float interpreter on the
    /// imported graph run by hand, and it keeps the values asked for.
    @Test func runsTheCanonicalGraph() throws {
        let reference = try FloatReference(modelAt: KitFixtures.lenet)
        let input = try Preprocessing.defaults(for: reference.graph.inputs[0].type)
            .loadTensor(imageAt: KitFixtures.testImages.appendingPathComponent("0501_1.png"))
        let imported = try ONNXFile.graph(KitFixtures.lenet)
        let expected = try FloatInterpreter(graph: try ShapeInference.infer(imported)).run(["input": input])
        let outputs = try reference.run(["input": input])
        let name = reference.graph.outputs[0]
        for (actual, wanted) in zip(outputs[name]!.floats, expected[name]!.floats) {
            #expect(abs(actual - wanted) < 1e-5)
        }
        let firstLayer = reference.graph.nodes[0].outputs[0]
        let (output, values) = try reference.run(input, keepValues: [firstLayer])
        #expect(output == outputs[name])
        #expect(Array(values.keys) == [firstLayer])
    }

    @Test func anUnsupportedModelIsRefused() throws {
        let model = try KitFixtures.directory("float").appendingPathComponent("exp.json")
        try Data(ONNXFile.expModelJSON.utf8).write(to: model)
        #expect(throws: VGGCKitError.self) { try FloatReference(modelAt: model) }
    }
}
