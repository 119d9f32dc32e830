/// The operands of one node as shape inference sees them: each input's static type and, where
/// known at compile time, its constant value. Accessors throw errors that name the node.
public struct NodeOperands {
    public let node: Node
    /// Type of each input; `nil` for an omitted optional input.
    public let types: [TensorType?]
    /// Constant value of each input where known; `nil` otherwise.
    public let constants: [Tensor?]

    public init(node: Node, types: [TensorType?], constants: [Tensor?]) {
        self.node = node
        self.types = types
        self.constants = constants
    }

    /// The type of required input `index`.
    public func type(_ index: Int) throws -> TensorType {
        guard let type = optionalType(index) else {
            throw node.shapeMismatch("required input \(index) is missing (node has \(types.count) inputs)")
        }
        return type
    }

    /// The type of optional input `index`, `nil` when omitted.
    public func optionalType(_ index: Int) -> TensorType? {
        index < types.count ? types[index] : nil
    }

    /// The type of required input `index`, which must hold `float32`.
    public func floatType(_ index: Int) throws -> TensorType {
        let type = try type(index)
        guard type.elementType == .float32 else { throw node.typeMismatch(expected: "f32", found: type.elementType) }
        return type
    }

    /// The constant value of required input `index`; `nonConstantOperand` if it is computed at
    /// run time.
    public func constant(_ index: Int) throws -> Tensor {
        _ = try type(index)
        guard index < constants.count, let value = constants[index] else {
            throw IRError.nonConstantOperand(node: node.name, op: node.op.operatorName, operand: node.inputs[index])
        }
        return value
    }
}
