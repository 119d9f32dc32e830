import IR

/// Translates one ONNX node into the graph IR, resolving opset differences and compile-time
/// operands. Anything vggc cannot represent throws `UnsupportedFeature`, which the support report
/// collects.
struct NodeTranslator: Sendable {
    let context: TranslationContext

    func translate(_ node: ONNXNode) throws -> Translation {
        guard node.isDefaultDomain else {
            throw UnsupportedFeature("operator domain '\(node.proto.domain)' is not supported")
        }
        let attributes = AttributeReader(node.proto)
        switch node.proto.opType {
        case "Conv": return try translateConv(node, attributes)
        case "MaxPool":
            try requireFloatInput(node)
            return try translateMaxPool(node, attributes)
        case "AveragePool": return try translateAveragePool(node, attributes)
        case "GlobalAveragePool": return try single(node, .globalAveragePool, inputs: 1...1)
        case "GlobalMaxPool": return try single(node, .globalMaxPool, inputs: 1...1)
        case "Relu": return try floatActivation(node, .relu)
        case "Sigmoid": return try floatActivation(node, .sigmoid)
        case "Tanh": return try floatActivation(node, .tanh)
        case "HardSigmoid":
            return try floatActivation(node, .hardSigmoid(alpha: attributes.float("alpha", default: 0.2),
                                                          beta: attributes.float("beta", default: 0.5)))
        case "HardSwish": return try floatActivation(node, .hardSwish)
        case "Swish": return try floatActivation(node, .swish(alpha: attributes.float("alpha", default: 1)))
        case "LeakyRelu": return try floatActivation(node, .leakyRelu(alpha: attributes.float("alpha", default: 0.01)))
        case "Clip":
            try requireFloatInput(node)
            return try translateClip(node, attributes)
        case "Softmax": return try translateSoftmax(node, attributes)
        case "LRN": return try translateLRN(node, attributes)
        case "BatchNormalization": return try translateBatchNormalization(node, attributes)
        case "Gemm": return try translateGemm(node, attributes)
        case "MatMul": return try single(node, .matMul, inputs: 2...2)
        case "Add": return try translateBinary(node, .add, attributes)
        case "Sum": return try single(node, .add, inputs: 1...Int.max)
        case "ReduceMean": return try translateReduceMean(node, attributes)
        case "Sub": return try translateBinary(node, .sub, attributes)
        case "Mul": return try translateBinary(node, .mul, attributes)
        case "Div": return try translateBinary(node, .div, attributes)
        case "Concat": return try translateConcat(node, attributes)
        case "Flatten": return try single(node, .flatten(axis: attributes.int("axis", default: 1)), inputs: 1...1)
        case "Reshape":
            if let shape = optionalInput(node, 1) { try context.requireCompileTime(shape, operand: "shape") }
            return try single(node, .reshape(allowZero: attributes.flag("allowzero", default: false)), inputs: 2...2)
        case "Transpose": return try single(node, .transpose(perm: attributes.ints("perm")), inputs: 1...1)
        case "Squeeze": return try translateSqueeze(node, attributes)
        case "Unsqueeze": return try translateUnsqueeze(node, attributes)
        case "Pad": return try translatePad(node, attributes)
        case "Slice": return try translateSlice(node, attributes)
        case "Split": return try translateSplit(node, attributes)
        case "Dropout": return try translateDropout(node, attributes)
        case "Identity": return try single(node, .identity, inputs: 1...1)
        case "Constant": return try translateConstant(node)
        case "ConstantOfShape": return try translateConstantOfShape(node, attributes)
        case "Shape": return try translateShape(node, attributes)
        case "Gather": return try single(node, .gather(axis: attributes.int("axis", default: 0)), inputs: 2...2)
        case "Cast": return try translateCast(node, attributes)
        case "QuantizeLinear": return try translateQuantizeLinear(node, attributes)
        case "DequantizeLinear": return try translateDequantizeLinear(node, attributes)
        default: throw UnsupportedFeature("operator \(node.proto.opType) is not supported")
        }
    }

    /// A translation to one IR node with `op`, after checking the number of (non-omitted trailing)
    /// inputs and outputs. With `keptInputs`, only that many leading inputs become IR inputs: the
    /// rest were resolved into `op`'s attributes. `inputNames` replaces the node's input names
    /// (legacy broadcasting substitutes a reshaped constant).
    func single(_ node: ONNXNode, _ op: Op, inputs arity: ClosedRange<Int>, outputs: ClosedRange<Int> = 1...1,
                keptInputs: Int? = nil, inputNames: [String]? = nil) throws -> Translation {
        let inputs = node.presentInputs
        let produced = node.presentOutputs
        guard arity.contains(inputs.count) else {
            throw UnsupportedFeature("expects \(Self.describe(arity)) inputs, has \(inputs.count)")
        }
        guard outputs.contains(produced.count) else {
            throw UnsupportedFeature("expects \(Self.describe(outputs)) outputs, has \(produced.count)")
        }
        var irInputs = inputNames ?? inputs
        if let keptInputs { irInputs = Array(irInputs.prefix(keptInputs)) }
        return Translation(node: Node(name: node.name, op: op, inputs: irInputs, outputs: produced))
    }

    /// An elementwise activation, which the IR defines on float32 only.
    private func floatActivation(_ node: ONNXNode, _ op: Op) throws -> Translation {
        try requireFloatInput(node)
        return try single(node, op, inputs: 1...1)
    }

    /// Throws when the model declares a non-float element type for the node's first input (ONNX
    /// allows integer Relu and Clip; the IR's activations are float32 only).
    private func requireFloatInput(_ node: ONNXNode) throws {
        guard let input = optionalInput(node, 0), let type = context.elementType(of: input), type != .float32 else { return }
        throw UnsupportedFeature("\(node.proto.opType) on \(type) values is not supported")
    }

    /// The input at `index`, or `nil` when the node omits it (absent or empty name).
    func optionalInput(_ node: ONNXNode, _ index: Int) -> String? {
        let inputs = node.proto.input
        guard index < inputs.count, !inputs[index].isEmpty else { return nil }
        return inputs[index]
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
        return range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
    }
}
