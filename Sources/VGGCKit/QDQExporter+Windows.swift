import Foundation
import Frontend
import IR
import Quantization

/// Convolutions, fully-connected layers and pooling windows as ONNX nodes.
extension QDQExporter {
    mutating func addConvolution(_ layer: QuantizedLayer, _ conv: QuantizedConv) throws {
        let spatialRank = layer.dims.count - 2
        let (weight, bias) = try addConstants(layer, conv, spatialRank: spatialRank)
        addFloat("Conv", layer, clamp: conv.outputClamp,
                 attributes: Self.windowAttributes(conv.window, spatialRank: spatialRank) + [("group", .int(conv.group))],
                 extraInputs: [weight, bias])
    }

    mutating func addFullyConnected(_ layer: QuantizedLayer, _ conv: QuantizedConv) throws {
        let (weight, bias) = try addConstants(layer, conv, spatialRank: 0)
        addFloat("Gemm", layer, clamp: conv.outputClamp, attributes: [("transB", .int(1))], extraInputs: [weight, bias])
    }

    mutating func addPool(_ opType: String, _ layer: QuantizedLayer, _ pool: QuantizedPool) throws {
        let spatialRank = layer.dims.count - 2
        var attributes = Self.windowAttributes(pool.window, spatialRank: spatialRank)
        attributes.append(("ceil_mode", .int(try Self.ceilMode(pool.window, spatialRank: spatialRank, layer: layer.name) ? 1 : 0)))
        if opType == "AveragePool" { attributes.append(("count_include_pad", .int(pool.countIncludePad ? 1 : 0))) }
        addFloat(opType, layer, clamp: pool.outputClamp, attributes: attributes)
    }

    /// The weights and bias of `conv` as DequantizeLinear of vggc's int8 weights (per output
    /// channel scales on axis 0) and of its int32 bias with the input zero point's contribution
    /// (`zeroPoint × Σ weight`) added back; the names of the two float tensors.
    private mutating func addConstants(_ layer: QuantizedLayer, _ conv: QuantizedConv, spatialRank: Int) throws -> (String, String) {
        try Self.requireMultiplier(layer, conv)
        guard case .int8(let weights) = conv.weight.data, let input = params[layer.inputs[0]] else {
            throw VGGCKitError.notExpressibleAsQDQ(layer: layer.name, reason: "its weights are not int8")
        }
        let channels = conv.outputChannels
        let perChannel = channels > 0 ? weights.count / channels : 0
        let bias = try (0..<channels).map { channel in
            let sum = weights[(channel * perChannel)..<((channel + 1) * perChannel)].reduce(Int64(0)) { $0 + Int64($1) }
            guard let value = Int32(exactly: Int64(conv.bias[channel]) + Int64(conv.inputZeroPoint) * sum) else {
                throw VGGCKitError.notExpressibleAsQDQ(layer: layer.name, reason: "the bias of output channel \(channel) leaves int32")
            }
            return value
        }
        let scaleShape = Shape(conv.weightScales.count == 1 ? [] : [channels])
        let biasScales = conv.weightScales.map { Float(Double(input.scale) * Double($0)) }
        let weight = dequantizedConstant("\(layer.name):weight", Tensor(shape: Self.weightShape(conv, spatialRank: spatialRank), data: .int8(weights)),
                                         scales: Tensor(shape: scaleShape, floats: conv.weightScales),
                                         zeroPoints: Tensor(shape: scaleShape, data: .int8(Array(repeating: 0, count: conv.weightScales.count))))
        let biasValue = dequantizedConstant("\(layer.name):bias", Tensor(shape: Shape([channels]), data: .int32(bias)),
                                            scales: Tensor(shape: scaleShape, floats: biasScales),
                                            zeroPoints: Tensor(shape: scaleShape, data: .int32(Array(repeating: 0, count: biasScales.count))))
        return (weight, biasValue)
    }

    /// `DequantizeLinear(name, name:scale, name:zero_point)` along axis 0 over initializers; the output's name.
    private mutating func dequantizedConstant(_ name: String, _ stored: Tensor, scales: Tensor, zeroPoints: Tensor) -> String {
        builder.addInitializer(name, stored)
        builder.addInitializer("\(name):scale", scales)
        builder.addInitializer("\(name):zero_point", zeroPoints)
        let output = "\(name):dequantized"
        builder.addNode("DequantizeLinear", name: "\(name):dequantize", inputs: [name, "\(name):scale", "\(name):zero_point"],
                        outputs: [output], attributes: [("axis", .int(0))])
        return output
    }

    /// Refuses a layer whose requantization is not a fixed-point multiplier.
    private static func requireMultiplier(_ layer: QuantizedLayer, _ conv: QuantizedConv) throws {
        switch conv.requantization {
        case .multiplier: return
        case .shift:
            throw VGGCKitError.notExpressibleAsQDQ(layer: layer.name, reason: "it requantizes by a power-of-two shift (dynamic-fixed-point), not a scale")
        case .cuScale:
            throw VGGCKitError.notExpressibleAsQDQ(layer: layer.name, reason: "it requantizes with the VGG16 CU's 16-bit scale, rounding down")
        }
    }

    /// The weight tensor's shape for ONNX: a 1-D convolution's `[M, C/g, 1, kw]` loses its height.
    private static func weightShape(_ conv: QuantizedConv, spatialRank: Int) -> Shape {
        let dims = conv.weight.shape.dims
        return spatialRank == 1 && dims.count == 4 ? Shape([dims[0], dims[1], dims[3]]) : conv.weight.shape
    }

    /// `kernel_shape`, `strides`, `dilations` and `pads` of a window over `spatialRank` axes (a
    /// 1-D window is the width of vggc's 2-D one).
    private static func windowAttributes(_ window: QuantizedWindow, spatialRank: Int) -> [(name: String, value: ONNXAttributeValue)] {
        let axes = spatialRank == 1 ? [1] : [0, 1]
        return [("kernel_shape", .ints(axes.map { window.kernel[$0] })), ("strides", .ints(axes.map { window.strides[$0] })),
                ("dilations", .ints(axes.map { window.dilations[$0] })),
                ("pads", .ints(axes.map { window.pads[$0] } + axes.map { window.pads[$0 + 2] }))]
    }

    /// Whether ONNX needs `ceil_mode` to give the window's output size; throws when neither rounding does.
    private static func ceilMode(_ window: QuantizedWindow, spatialRank: Int, layer: String) throws -> Bool {
        let axes = spatialRank == 1 ? [1] : [0, 1]
        let spans = axes.map { axis in
            (window.inputSize[axis] + window.pads[axis] + window.pads[axis + 2] - window.dilations[axis] * (window.kernel[axis] - 1) - 1,
             window.strides[axis], window.outputSize[axis])
        }
        if spans.allSatisfy({ $0.0 / $0.1 + 1 == $0.2 }) { return false }
        if spans.allSatisfy({ ($0.0 + $0.1 - 1) / $0.1 + 1 == $0.2 }) { return true }
        throw VGGCKitError.notExpressibleAsQDQ(layer: layer, reason: "its window's output size follows neither floor nor ceil rounding")
    }
}
