import Foundation
import IR
import Testing
@testable import Frontend

@Suite struct ONNXModelBuilderTests {
    /// A written model reads back through the importer: input type, initializers of every element
    /// type the exporter writes, nodes in order with their attributes.
    @Test func writtenModelImportsBack() throws {
        var builder = ONNXModelBuilder(name: "built", opset: 19)
        builder.addInput("x", type: TensorType(.float32, Shape([1, 3])))
        builder.addInitializer("w", Tensor(shape: Shape([3]), data: .int8([-128, 0, 127])))
        builder.addInitializer("w:scale", Tensor(shape: Shape([]), floats: [0.5]))
        builder.addInitializer("w:zero_point", Tensor(shape: Shape([]), data: .int8([-1])))
        builder.addInitializer("b", Tensor(shape: Shape([3]), data: .int32([-70_000, 1, 70_000])))
        builder.addInitializer("shape", Tensor(shape: Shape([2]), int64s: [3, 1]))
        builder.addNode("DequantizeLinear", name: "dq", inputs: ["w", "w:scale", "w:zero_point"], outputs: ["wf"],
                        attributes: [("axis", .int(0))])
        builder.addNode("Mul", name: "mul", inputs: ["x", "wf"], outputs: ["m"])
        builder.addNode("Softmax", name: "softmax", inputs: ["m"], outputs: ["y"], attributes: [("axis", .int(1))])
        builder.addOutput("y", type: TensorType(.float32, Shape([1, 3])))
        let directory = try ONNXFixtures.scratchDirectory()
        let url = directory.appendingPathComponent("built.onnx")
        try builder.serialized(producer: "test", version: "1").write(to: url)

        let file = try ONNXModelFile.load(url)
        #expect(file.opsetVersion == 19)
        let graph = try file.importGraph()
        #expect(graph.name == "built")
        #expect(graph.inputs == [ValueInfo(name: "x", type: TensorType(.float32, Shape([1, 3])))])
        #expect(graph.outputs == ["y"])
        #expect(graph.initializers["w"] == Tensor(shape: Shape([3]), data: .int8([-128, 0, 127])))
        #expect(graph.initializers["w:scale"] == Tensor(shape: Shape([]), floats: [0.5]))
        #expect(graph.initializers["b"] == Tensor(shape: Shape([3]), data: .int32([-70_000, 1, 70_000])))
        #expect(graph.initializers["shape"] == Tensor(shape: Shape([2]), int64s: [3, 1]))
        #expect(graph.nodes.map(\.name) == ["dq", "mul", "softmax"])
        #expect(graph.nodes.map(\.op) == [.dequantizeLinear(axis: 0), .mul, .softmax(axis: 1, coerce2D: false)])
    }

    @Test func typeCodesAreONNXs() {
        // onnx.proto: FLOAT = 1, UINT8 = 2, INT8 = 3, INT32 = 6, INT64 = 7, BOOL = 9.
        #expect([DataType.float32, .uint8, .int8, .int32, .int64, .bool].map(ONNXModelBuilder.typeCode) == [1, 2, 3, 6, 7, 9])
    }
}
