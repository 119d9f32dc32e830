import TestSupport
import Testing
@testable import IR

/// Output types of every op family, constant propagation through shape chains, and the errors.
struct ShapeInferenceTests {
    /// Infers a graph with one input `x` of `type`, the given initializers and nodes; returns the type
    /// of `value`.
    private func inferType(_ value: String, input type: TensorType, initializers: [String: Tensor] = [:],
                           nodes: [Node]) throws -> TensorType? {
        let graph = Graph(name: "g", inputs: [ValueInfo(name: "x", type: type)], outputs: [value],
                          initializers: initializers, nodes: nodes)
        return try ShapeInference.infer(graph).types[value]
    }

    private func single(_ op: Op, _ inputs: [String] = ["x"], input type: TensorType,
                        initializers: [String: Tensor] = [:]) throws -> TensorType? {
        try inferType("y", input: type, initializers: initializers,
                      nodes: [Node(name: "n", op: op, inputs: inputs, outputs: ["y"])])
    }

    private let image = TensorType(.float32, [1, 3, 224, 224])

    @Test func convolutionOutputSizes() throws {
        let w = ["w": Tensor(shape: [64, 3, 3, 3], floats: [Float](repeating: 0, count: 1728))]
        func conv(_ padding: Padding, strides: [Int] = [1, 1], dilations: [Int] = [1, 1]) throws -> Shape? {
            try single(.conv(ConvAttributes(kernelShape: [3, 3], strides: strides, dilations: dilations, padding: padding, group: 1)),
                       ["x", "w"], input: image, initializers: w)?.shape
        }
        #expect(try conv(.explicit([1, 1, 1, 1])) == [1, 64, 224, 224])
        #expect(try conv(.valid) == [1, 64, 222, 222])
        #expect(try conv(.sameUpper, strides: [2, 2]) == [1, 64, 112, 112])
        #expect(try conv(.explicit([0, 0, 0, 0]), strides: [2, 3], dilations: [2, 2]) == [1, 64, 110, 74])
        #expect(throws: IRError.self) { try conv(.explicit([1, 1])) }
    }

    @Test func poolingCeilModeRule() throws {
        func pool(_ size: Int, kernel: Int, stride: Int, pads: [Int], ceil: Bool) throws -> Shape? {
            try single(.maxPool(PoolAttributes(kernelShape: [kernel, kernel], strides: [stride, stride], dilations: [],
                                               padding: .explicit(pads), ceilMode: ceil, countIncludePad: false)),
                       input: TensorType(.float32, [1, 1, size, size]))?.shape
        }
        #expect(try pool(112, kernel: 3, stride: 2, pads: [0, 0, 0, 0], ceil: true) == [1, 1, 56, 56])
        #expect(try pool(112, kernel: 3, stride: 2, pads: [0, 0, 0, 0], ceil: false) == [1, 1, 55, 55])
        // ceil would give 4, but that window would start in the right padding: ONNX drops it.
        #expect(try pool(5, kernel: 2, stride: 2, pads: [1, 1, 1, 1], ceil: true) == [1, 1, 3, 3])
        #expect(throws: IRError.self) { try pool(2, kernel: 3, stride: 1, pads: [0, 0, 0, 0], ceil: false) }
        #expect(throws: IRError.self) {
            try single(.maxPool(PoolAttributes(kernelShape: [2], strides: [2], dilations: [], padding: .valid,
                                               ceilMode: false, countIncludePad: false)),
                       input: TensorType(.float32, [1, 2, 3, 4, 5]))
        }
    }

    @Test func broadcastingAndLinearAlgebra() throws {
        let b = ["b": Tensor(shape: [3, 1, 5], floats: [Float](repeating: 1, count: 15))]
        #expect(try single(.add, ["x", "b"], input: TensorType(.float32, [4, 1]), initializers: b)?.shape == [3, 4, 5])
        #expect(throws: IRError.self) { try single(.mul, ["x", "b"], input: TensorType(.float32, [4, 2]), initializers: b) }
        let m = ["m": Tensor(shape: [2, 5, 6], floats: [Float](repeating: 1, count: 60))]
        #expect(try single(.matMul, ["x", "m"], input: TensorType(.float32, [3, 1, 4, 5]), initializers: m)?.shape == [3, 2, 4, 6])
        #expect(try single(.matMul, ["x", "m"], input: TensorType(.float32, [5]), initializers: m)?.shape == [2, 6])
        let w = ["w": Tensor(shape: [10, 8], floats: [Float](repeating: 1, count: 80))]
        #expect(try single(.gemm(GemmAttributes(transB: true)), ["x", "w"], input: TensorType(.float32, [2, 8]),
                           initializers: w)?.shape == [2, 10])
        #expect(try single(.gemm(GemmAttributes(transA: true)), ["x", "w"], input: TensorType(.float32, [10, 3]),
                           initializers: w)?.shape == [3, 8])
        #expect(throws: IRError.self) { try single(.gemm(GemmAttributes()), ["x", "w"], input: TensorType(.float32, [2, 8]), initializers: w) }
    }

    @Test func layoutOps() throws {
        let x = TensorType(.float32, [2, 1, 3, 1])
        #expect(try single(.flatten(axis: 2), input: x)?.shape == [2, 3])
        #expect(try single(.flatten(axis: 0), input: x)?.shape == [1, 6])
        #expect(try single(.transpose(perm: nil), input: x)?.shape == [1, 3, 1, 2])
        #expect(try single(.squeeze(axes: nil), input: x)?.shape == [2, 3])
        #expect(try single(.squeeze(axes: [-1]), input: x)?.shape == [2, 1, 3])
        #expect(throws: IRError.self) { try single(.squeeze(axes: [0]), input: x) }
        #expect(try single(.unsqueeze(axes: [-1, 0]), input: x)?.shape == [1, 2, 1, 3, 1, 1])
        #expect(try single(.pad(mode: .constant, pads: [0, 0, 1, -1, 0, 0, 2, 0], value: 0), input: x)?.shape == [2, 1, 6, 0])
        #expect(try single(.gather(axis: -2), ["x", "i"], input: x,
                           initializers: ["i": Tensor(shape: [4, 5], int64s: [Int64](repeating: 0, count: 20))])?.shape
            == [2, 1, 4, 5, 1])
        #expect(try single(.shape(start: 1, end: -1), input: x) == TensorType(.int64, [2]))
        #expect(try single(.cast(to: .int8), input: x) == TensorType(.int8, [2, 1, 3, 1]))
        #expect(try single(.concat(axis: 2), ["x", "x"], input: x)?.shape == [2, 1, 6, 1])
    }

    @Test func reshapeTargets() throws {
        let x = TensorType(.float32, [2, 3, 4])
        func reshape(_ target: [Int64], allowZero: Bool = false) throws -> Shape? {
            try single(.reshape(allowZero: allowZero), ["x", "s"], input: x,
                       initializers: ["s": Tensor(shape: [target.count], int64s: target)])?.shape
        }
        #expect(try reshape([0, -1]) == [2, 12])
        #expect(try reshape([-1, 0, 2]) == [4, 3, 2])
        #expect(throws: IRError.self) { try reshape([5, -1]) }
        #expect(throws: IRError.self) { try reshape([-1, -1]) }
        #expect(throws: IRError.self) { try reshape([0, 24], allowZero: true) }
        let nonConstant = Graph(name: "g", inputs: [ValueInfo(name: "x", type: x), ValueInfo(name: "s", type: TensorType(.int64, [2]))],
                                outputs: ["y"], initializers: [:],
                                nodes: [Node(name: "r", op: .reshape(allowZero: false), inputs: ["x", "s"], outputs: ["y"])])
        #expect(throws: IRError.nonConstantOperand(node: "r", op: "Reshape", operand: "s")) { try ShapeInference.infer(nonConstant) }
    }

    /// Shape values from a hostile model must give an error, never an overflow trap or a huge
    /// allocation.
    @Test func hugeShapesAreErrorsNotTraps() throws {
        let huge: Int64 = 1 << 40
        let x = TensorType(.float32, [2, 3, 4])
        #expect(throws: IRError.shapeMismatch(node: "n", op: "Reshape", detail: "shape [1099511627776, 1099511627776, -1] is larger than 68719476736 elements")) {
            try single(.reshape(allowZero: false), ["x", "s"], input: x,
                       initializers: ["s": Tensor(shape: [3], int64s: [huge, huge, -1])])
        }
        #expect(throws: IRError.shapeMismatch(node: "n", op: "ConstantOfShape", detail: "output shape [1099511627776,1099511627776] is negative or larger than 68719476736 elements")) {
            try single(.constantOfShape(value: Tensor(shape: [1], floats: [0])), ["s"], input: x,
                       initializers: ["s": Tensor(shape: [2], int64s: [huge, huge])])
        }
        #expect(Shape([Int.max, 2]).checkedElementCount == nil)
        #expect(Shape([3, -1]).checkedElementCount == nil)
        #expect(Shape([]).checkedElementCount == 1)
    }

    @Test func propagatesShapeChainIntoReshape() throws {
        let x = TensorType(.float32, [1, 512, 7, 7])
        let y = try inferType("y", input: x, initializers: ShapeChain.initializers, nodes: ShapeChain.nodes)
        #expect(y == TensorType(.float32, [1, 25088]))
    }

    @Test func normalisationQuantizationAndPlumbing() throws {
        let x = TensorType(.float32, [1, 4, 2, 2])
        let parameters = Dictionary(uniqueKeysWithValues: ["s", "b", "m", "v"].map { ($0, Tensor(shape: [4], floats: [1, 1, 1, 1])) })
        #expect(try single(.batchNormalization(epsilon: 1e-5), ["x", "s", "b", "m", "v"], input: x, initializers: parameters) == x)
        #expect(throws: IRError.self) {
            try single(.batchNormalization(epsilon: 1e-5), ["x", "s", "b", "m", "v"], input: TensorType(.float32, [1, 3, 2, 2]),
                       initializers: parameters)
        }
        #expect(try single(.softmax(axis: -1, coerce2D: false), input: x) == x)
        #expect(throws: IRError.self) { try single(.softmax(axis: 4, coerce2D: false), input: x) }
        #expect(try single(.lrn(LRNAttributes(size: 3)), input: x) == x)
        let scale = ["scale": Tensor(shape: [], floats: [0.1]), "zp": Tensor(shape: [], data: .int8([0]))]
        #expect(try single(.quantizeLinear(axis: 1), ["x", "scale"], input: x, initializers: scale) == TensorType(.uint8, x.shape))
        #expect(try single(.quantizeLinear(axis: 1), ["x", "scale", "zp"], input: x, initializers: scale) == TensorType(.int8, x.shape))
        #expect(try single(.dequantizeLinear(axis: 1), ["x", "scale", "zp"], input: TensorType(.int8, [3]), initializers: scale)
            == TensorType(.float32, [3]))
        let dropout = try inferType("mask", input: x, nodes: [Node(name: "d", op: .dropout, inputs: ["x"], outputs: ["y", "mask"])])
        #expect(dropout == TensorType(.bool, x.shape))
        let filled = try single(.constantOfShape(value: Tensor(shape: [1], floats: [0])), ["s"], input: x,
                                initializers: ["s": Tensor(shape: [2], int64s: [3, 5])])
        #expect(filled == TensorType(.float32, [3, 5]))
    }

    @Test func undefinedValueIsReported() {
        #expect(throws: IRError.undefinedValue(node: "n", value: "missing")) {
            try single(.add, ["x", "missing"], input: image)
        }
    }
}
