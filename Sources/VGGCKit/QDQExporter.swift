import Foundation
import Frontend
import IR
import Quantization

/// A compiled model's quantized graph as a QDQ ONNX model that ONNX Runtime runs: every stored
/// value `v` becomes the int8 tensor `v:int8` (QuantizeLinear with vggc's scale and zero point,
/// `v:scale` and `v:zero_point`) and, where a float operator reads it, `v:dequantized`
/// (DequantizeLinear). Convolutions and fully-connected layers read vggc's int8 weights and
/// per-channel scales through DequantizeLinear, their int32 biases (the input zero point's
/// contribution unfolded again) likewise; the float operator's result is quantized with the
/// layer's own parameters and clamped to its fused activation's range. Lookup tables, clamps and
/// layout layers act on the int8 values themselves (Gather, Clip, Reshape, Slice, Transpose, Pad),
/// which is exact; the other layers requantize in float (ONNX's semantics), where vggc uses
/// fixed-point multipliers rounding half up, so a value may differ by 1 LSB near a rounding tie.
///
/// Only the 8-bit arithmetic whose requantization is a multiplier (`default`, `pow2-weights`) has
/// this form: a layer that requantizes by a shift or the VGG16 CU's scale, or stores 20-bit
/// values, is refused with `VGGCKitError.notExpressibleAsQDQ` naming it.
public struct QDQExporter {
    /// The default-domain opset of the exported model (AveragePool's `dilations` need 19).
    public static let opset = 19

    /// The model's graph input (float, preprocessed as the `.bin` stores it) and outputs
    /// (dequantized, with the host softmax where the graph has one), as ONNX protobuf bytes.
    public static func onnx(of graph: QuantizedGraph) throws -> Data {
        var exporter = QDQExporter(graph: graph)
        try exporter.addInput()
        for layer in graph.layers { try exporter.add(layer) }
        try exporter.addOutputs()
        return try exporter.builder.serialized(producer: "vggc", version: Compiler.version)
    }

    /// Writes `onnx(of: graph)` to `url` (checked writable first); the number of bytes written.
    public static func write(_ graph: QuantizedGraph, to url: URL) throws -> Int {
        try OutputDestination.checkWritable(url)
        let data = try onnx(of: graph)
        do { try data.write(to: url) } catch {
            throw VGGCKitError.unwritableOutput(path: url.relativePath, reason: error.localizedDescription)
        }
        return data.count
    }

    /// The name of the dequantized float tensor of the stored value `value`.
    public static func dequantizedName(_ value: String) -> String { "\(value):dequantized" }

    /// The name of the int8 tensor of the stored value `value`.
    public static func storedName(_ value: String) -> String { "\(value):int8" }

    let graph: QuantizedGraph
    var builder: ONNXModelBuilder
    /// Each stored value's scale and zero point.
    var params: [String: QuantParams] = [:]
    /// Stored values whose DequantizeLinear is already in the graph.
    var dequantized: Set<String> = []

    private init(graph: QuantizedGraph) {
        self.graph = graph
        builder = ONNXModelBuilder(name: graph.name, opset: Self.opset)
    }

    /// The float input, quantized as the host does.
    private mutating func addInput() throws {
        let input = graph.input
        guard graph.arithmetic.storageType == .int8 else {
            throw VGGCKitError.notExpressibleAsQDQ(
                layer: graph.layers.first?.name ?? input.name,
                reason: "arithmetic \(graph.arithmetic.rawValue) stores \(graph.arithmetic.storageType) values, beyond QuantizeLinear's int8")
        }
        builder.addInput(input.name, type: TensorType(.float32, Shape(input.dims)))
        addParameters(of: input.name, input.params)
        builder.addNode("QuantizeLinear", name: "\(input.name):quantize",
                        inputs: [input.name, "\(input.name):scale", "\(input.name):zero_point"],
                        outputs: [Self.storedName(input.name)])
    }

    /// Each output dequantized, then softmaxed in float where the host does.
    private mutating func addOutputs() throws {
        for output in graph.outputs {
            let value = dequantize(output.value)
            builder.addOutput(output.name, type: TensorType(.float32, Shape(output.dims)))
            guard let softmax = output.hostSoftmax else {
                builder.addNode("Identity", name: "\(output.name):output", inputs: [value], outputs: [output.name])
                continue
            }
            guard !softmax.coerce2D || (output.dims.count == 2 && [1, -1].contains(softmax.axis)) else {
                throw VGGCKitError.notExpressibleAsQDQ(
                    layer: output.name, reason: "its host softmax flattens \(output.dims) to 2-D (opset < 13), which opset \(Self.opset) does not")
            }
            builder.addNode("Softmax", name: "\(output.name):softmax", inputs: [value], outputs: [output.name],
                            attributes: [("axis", .int(softmax.axis))])
        }
    }

    /// `value:scale` and `value:zero_point` as scalar initializers (an int8 zero point, as the
    /// 8-bit modes' are).
    mutating func addParameters(of value: String, _ quantization: QuantParams) {
        precondition(Int8(exactly: quantization.zeroPoint) != nil, "zero point \(quantization.zeroPoint) of '\(value)' is not int8")
        params[value] = quantization
        builder.addInitializer("\(value):scale", Tensor(shape: Shape([]), floats: [quantization.scale]))
        builder.addInitializer("\(value):zero_point", Tensor(shape: Shape([]), data: .int8([Int8(quantization.zeroPoint)])))
    }

    /// The float tensor of stored `value`, adding its DequantizeLinear at the first use.
    mutating func dequantize(_ value: String) -> String {
        let name = Self.dequantizedName(value)
        guard dequantized.insert(value).inserted else { return name }
        builder.addNode("DequantizeLinear", name: "\(value):dequantize",
                        inputs: [Self.storedName(value), "\(value):scale", "\(value):zero_point"], outputs: [name])
        return name
    }

    /// Quantizes the float result `float` of `layer` with the layer's parameters into its stored
    /// value, clamped to `clamp` when that is narrower than int8.
    mutating func quantize(_ float: String, of layer: QuantizedLayer, clamp: ClosedRange<Int32>) {
        addParameters(of: layer.output, layer.params)
        let stored = Self.storedName(layer.output)
        let full = graph.arithmetic.storageRange
        let clamped = clamp.lowerBound > full.lowerBound || clamp.upperBound < full.upperBound
        let quantized = clamped ? "\(layer.output):unclamped" : stored
        builder.addNode("QuantizeLinear", name: "\(layer.name):quantize",
                        inputs: [float, "\(layer.output):scale", "\(layer.output):zero_point"], outputs: [quantized])
        if clamped { addClip(quantized, to: stored, range: clamp, name: "\(layer.name):clamp") }
    }

    /// `Clip` of an int8 tensor to `range`, with its bounds as int8 scalar initializers.
    mutating func addClip(_ input: String, to output: String, range: ClosedRange<Int32>, name: String) {
        builder.addInitializer("\(name):min", Tensor(shape: Shape([]), data: .int8([Int8(range.lowerBound)])))
        builder.addInitializer("\(name):max", Tensor(shape: Shape([]), data: .int8([Int8(range.upperBound)])))
        builder.addNode("Clip", name: name, inputs: [input, "\(name):min", "\(name):max"], outputs: [output])
    }
}
