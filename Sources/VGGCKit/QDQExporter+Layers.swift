import Foundation
import Frontend
import IR
import Quantization

/// One quantized layer as ONNX nodes.
extension QDQExporter {
    mutating func add(_ layer: QuantizedLayer) throws {
        switch layer.op {
        case .conv(let conv):
            try addConvolution(layer, conv)
        case .fullyConnected(let conv):
            try addFullyConnected(layer, conv)
        case .maxPool(let pool):
            try addPool("MaxPool", layer, pool)
        case .averagePool(let pool):
            try addPool("AveragePool", layer, pool)
        case .globalAveragePool(_, _, _, let clamp):
            addFloat("GlobalAveragePool", layer, clamp: clamp)
        case .globalMaxPool:
            addFloat("GlobalMaxPool", layer, clamp: graph.arithmetic.storageRange)
        case .add(_, _, _, let clamp):
            addFloat(layer.inputs.count == 2 ? "Add" : "Sum", layer, clamp: clamp)
        case .concat(let axis, _, _, _, let clamp):
            addFloat("Concat", layer, clamp: clamp, attributes: [("axis", .int(axis))])
        case .multiply(_, _, _, _, _, let clamp):
            addFloat("Mul", layer, clamp: clamp)
        case .lookupTable(let table):
            addLookupTable(layer, table)
        case .piecewiseLinearSigmoid:
            throw VGGCKitError.notExpressibleAsQDQ(layer: layer.name, reason: "the de1soc-q10 piecewise-linear sigmoid acts on 20-bit values")
        case .clamp(let range):
            addClip(Self.storedName(layer.inputs[0]), to: Self.storedName(layer.output), range: range, name: layer.name)
            addParameters(of: layer.output, layer.params)
        case .reshape:
            addStoredLayout("Reshape", layer, operands: [("shape", Tensor(shape: Shape([layer.dims.count]), int64s: layer.dims.map(Int64.init)))])
        case .sliceChannels(let start, let count):
            addStoredLayout("Slice", layer, operands: [("starts", Tensor(shape: Shape([1]), int64s: [Int64(start)])),
                                                       ("ends", Tensor(shape: Shape([1]), int64s: [Int64(start + count)])),
                                                       ("axes", Tensor(shape: Shape([1]), int64s: [1]))])
        case .channelShuffle(let groups):
            addChannelShuffle(layer, groups: groups)
        case .pad(let pads, let value):
            addStoredLayout("Pad", layer, operands: [("pads", Tensor(shape: Shape([pads.count]), int64s: pads.map(Int64.init))),
                                                     ("value", Tensor(shape: Shape([]), data: .int8([Int8(value)])))])
        }
    }

    /// A float operator on the dequantized inputs, quantized with the layer's parameters.
    mutating func addFloat(_ opType: String, _ layer: QuantizedLayer, clamp: ClosedRange<Int32>,
                                   attributes: [(name: String, value: ONNXAttributeValue)] = [], extraInputs: [String] = []) {
        let inputs = layer.inputs.map { dequantize($0) } + extraInputs
        let float = "\(layer.output):float"
        builder.addNode(opType, name: layer.name, inputs: inputs, outputs: [float], attributes: attributes)
        quantize(float, of: layer, clamp: clamp)
    }

    /// A layout operator on the int8 values, with its operands as initializers; exact.
    private mutating func addStoredLayout(_ opType: String, _ layer: QuantizedLayer, operands: [(name: String, tensor: Tensor)]) {
        for operand in operands { builder.addInitializer("\(layer.name):\(operand.name)", operand.tensor) }
        builder.addNode(opType, name: layer.name, inputs: [Self.storedName(layer.inputs[0])] + operands.map { "\(layer.name):\($0.name)" },
                        outputs: [Self.storedName(layer.output)])
        addParameters(of: layer.output, layer.params)
    }

    /// `[N, C, …]` viewed as `[N, groups, C / groups, …]`, the two channel axes swapped, viewed back.
    private mutating func addChannelShuffle(_ layer: QuantizedLayer, groups: Int) {
        let dims = layer.dims
        let grouped = [dims[0], groups, dims[1] / groups] + Array(dims.dropFirst(2))
        builder.addInitializer("\(layer.name):grouped", Tensor(shape: Shape([grouped.count]), int64s: grouped.map(Int64.init)))
        builder.addInitializer("\(layer.name):shape", Tensor(shape: Shape([dims.count]), int64s: dims.map(Int64.init)))
        let (viewed, swapped) = ("\(layer.output):grouped", "\(layer.output):swapped")
        builder.addNode("Reshape", name: "\(layer.name):group", inputs: [Self.storedName(layer.inputs[0]), "\(layer.name):grouped"],
                        outputs: [viewed])
        builder.addNode("Transpose", name: "\(layer.name):swap", inputs: [viewed], outputs: [swapped],
                        attributes: [("perm", .ints([0, 2, 1] + Array(3..<grouped.count)))])
        builder.addNode("Reshape", name: layer.name, inputs: [swapped, "\(layer.name):shape"], outputs: [Self.storedName(layer.output)])
        addParameters(of: layer.output, layer.params)
    }

    /// `y = table[q + 128]` as a Gather of the table by the int8 input widened to int32; exact.
    private mutating func addLookupTable(_ layer: QuantizedLayer, _ table: [Int8]) {
        let (wide, index) = ("\(layer.output):wide", "\(layer.output):index")
        builder.addInitializer("\(layer.name):table", Tensor(shape: Shape([table.count]), data: .int8(table)))
        builder.addInitializer("\(layer.name):offset", Tensor(shape: Shape([]), data: .int32([128])))
        builder.addNode("Cast", name: "\(layer.name):widen", inputs: [Self.storedName(layer.inputs[0])], outputs: [wide],
                        attributes: [("to", .int(ONNXModelBuilder.typeCode(.int32)))])
        builder.addNode("Add", name: "\(layer.name):index", inputs: [wide, "\(layer.name):offset"], outputs: [index])
        builder.addNode("Gather", name: layer.name, inputs: ["\(layer.name):table", index], outputs: [Self.storedName(layer.output)],
                        attributes: [("axis", .int(0))])
        addParameters(of: layer.output, layer.params)
    }
}
