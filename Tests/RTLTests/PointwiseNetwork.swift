import Foundation
import Frontend
import IR

/// A small float network whose array layers are mostly of one kernel position, written as ONNX for
/// the co-simulation tests: a gray 12×12 input, a 3×3 convolution 1 → 8 with ReLU, a 2×2 max pool,
/// a 1×1 convolution 8 → 14 (`pointwise`) with ReLU, a 1×1 convolution 14 → 10 of stride 2
/// (`downsample`, ResNet's shortcut shape), and a fully-connected layer 90 → 10 (`fc`). Weights are
/// uniform from a fixed seed.
enum PointwiseNetwork {
    /// Writes the model into a fresh temporary directory (the caller removes it) and returns its URL.
    static func write() throws -> URL {
        var generator = SeededGenerator(seed: 0x5EED_1)
        func tensor(_ dims: [Int], _ range: ClosedRange<Float>) -> Tensor {
            let shape = Shape(dims)
            return Tensor(shape: shape, floats: (0..<shape.elementCount).map { _ in Float.random(in: range, using: &generator) })
        }
        var builder = ONNXModelBuilder(name: "pointwise", opset: 13)
        builder.addInput("x", type: TensorType(.float32, Shape([1, 1, 12, 12])))
        for (name, dims) in [("w1", [8, 1, 3, 3]), ("w2", [14, 8, 1, 1]), ("w3", [10, 14, 1, 1]), ("w4", [10, 90])] {
            builder.addInitializer(name, tensor(dims, -0.5...0.5))
            builder.addInitializer("b" + name.dropFirst(), tensor([dims[0]], -0.1...0.1))
        }
        builder.addInitializer("shape", Tensor(shape: Shape([2]), int64s: [1, 90]))
        builder.addNode("Conv", name: "conv", inputs: ["x", "w1", "b1"], outputs: ["c1"],
                        attributes: [("kernel_shape", .ints([3, 3])), ("pads", .ints([1, 1, 1, 1]))])
        builder.addNode("Relu", name: "relu1", inputs: ["c1"], outputs: ["r1"])
        builder.addNode("MaxPool", name: "pool", inputs: ["r1"], outputs: ["p1"],
                        attributes: [("kernel_shape", .ints([2, 2])), ("strides", .ints([2, 2]))])
        builder.addNode("Conv", name: "pointwise", inputs: ["p1", "w2", "b2"], outputs: ["c2"], attributes: [("kernel_shape", .ints([1, 1]))])
        builder.addNode("Relu", name: "relu2", inputs: ["c2"], outputs: ["r2"])
        builder.addNode("Conv", name: "downsample", inputs: ["r2", "w3", "b3"], outputs: ["c3"],
                        attributes: [("kernel_shape", .ints([1, 1])), ("strides", .ints([2, 2]))])
        builder.addNode("Reshape", name: "flatten", inputs: ["c3", "shape"], outputs: ["f"])
        builder.addNode("Gemm", name: "fc", inputs: ["f", "w4", "b4"], outputs: ["y"], attributes: [("transB", .int(1))])
        builder.addOutput("y", type: TensorType(.float32, Shape([1, 10])))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-pointwise-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("pointwise.onnx")
        try builder.serialized(producer: "RTLTests", version: "1").write(to: url)
        return url
    }
}
