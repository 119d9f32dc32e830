@testable import IR

/// Graphs that exercise every construct of the IR text form.
enum IRTextSamples {
    /// Number of cases of `Op`.
    static let opCaseCount = 35

    /// One node per `Op` case (several for cases with optional attributes), plus special names,
    /// omitted operands, every element type and special float values. Not meant to type-check.
    static func everyOpGraph() -> Graph {
        let pool = PoolAttributes(kernelShape: [2, 2], strides: [2, 2], dilations: [1, 1], padding: .sameUpper,
                                  ceilMode: true, countIncludePad: false)
        let conv = ConvAttributes(kernelShape: [3, 3], strides: [2, 1], dilations: [1, 2], padding: .valid, group: 2)
        let ops: [Op] = [
            .conv(conv), .conv(ConvAttributes(kernelShape: [1], strides: [1], dilations: [1], padding: .sameLower, group: 1,
                                              activation: .relu)),
            .fullyConnected(activation: nil), .fullyConnected(activation: .clip(min: 0, max: 6)),
            .maxPool(pool), .averagePool(pool), .globalAveragePool, .globalMaxPool,
            .relu, .leakyRelu(alpha: 0.01), .clip(min: -.infinity, max: 6), .sigmoid, .tanh,
            .softmax(axis: -1, coerce2D: true), .lrn(LRNAttributes(size: 5, alpha: 1e-4, beta: 0.75, bias: 2)),
            .batchNormalization(epsilon: 1e-5), .gemm(GemmAttributes(alpha: 0.5, beta: 2, transA: false, transB: true)),
            .matMul, .add, .sub, .mul, .div, .concat(axis: 1), .flatten(axis: 1), .reshape(allowZero: true),
            .transpose(perm: [0, 2, 3, 1]), .transpose(perm: nil), .squeeze(axes: [2, 3]), .squeeze(axes: nil),
            .unsqueeze(axes: [0]), .pad(mode: .reflect, pads: [0, 0, 1, 1, 0, 0, 1, 1], value: 0),
            .dropout, .identity, .constantOfShape(value: Tensor(shape: [1], floats: [0.25])),
            .shape(start: 1, end: nil), .shape(start: 0, end: -1), .gather(axis: 0), .cast(to: .int64),
            .quantizeLinear(axis: 1), .dequantizeLinear(axis: 0),
        ]
        var nodes: [Node] = []
        var types: [String: TensorType] = [:]
        for (index, op) in ops.enumerated() {
            let inputs: [String]
            switch op {
            case .gemm: inputs = ["m", "m", ""]
            case .fullyConnected: inputs = ["m", "m", "b"]
            case .constantOfShape: inputs = ["s"]
            default: inputs = ["x"]
            }
            let output = "v\(index)"
            nodes.append(Node(name: "node \(index)", op: op, inputs: inputs, outputs: [output]))
            if index.isMultiple(of: 2) { types[output] = TensorType(.float32, [index, 1]) }
        }
        nodes.append(Node(name: "drop", op: .dropout, inputs: ["x"], outputs: ["", "mask/1"]))
        types["mask/1"] = TensorType(.bool, [1, 3, 4, 4])
        let initializers: [String: Tensor] = [
            "m": Tensor(shape: [2, 2], floats: [1, -0.5, .infinity, 3e-8]),
            "b": Tensor(shape: [2], floats: [0, -0]),
            "s": Tensor(shape: [2], int64s: [4, -1]),
            "flags": Tensor(shape: [2], data: .bool([true, false])),
            "q": Tensor(shape: [3], data: .int8([-128, 0, 127])),
            "u": Tensor(shape: [1], data: .uint8([255])),
            "i": Tensor(shape: [], data: .int32([-7])),
        ]
        for (name, tensor) in initializers { types[name] = tensor.type }
        types["x"] = TensorType(.float32, [1, 3, 4, 4])
        return Graph(name: "every op", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 3, 4, 4]))],
                     outputs: ["v0", "mask/1"], initializers: initializers, nodes: nodes, types: types)
    }
}
