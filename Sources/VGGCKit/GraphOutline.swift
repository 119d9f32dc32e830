import IR

/// A float graph without its tensors: its inputs with their types, its outputs, and every node with
/// the types of what it produces. What a compile keeps of the canonical graph once the float
/// weights are released.
public struct GraphOutline: Hashable, Sendable, Encodable {
    /// One node.
    public struct Layer: Hashable, Sendable, Encodable {
        public var name: String
        /// The ONNX operator name (`Conv`, `FullyConnected`, …).
        public var op: String
        public var inputs: [String]
        public var outputs: [String]
        /// Output types as the IR prints them (`f32[1,64,224,224]`).
        public var types: [String]
    }

    /// Input types by input name.
    public var inputs: [String: String]
    public var outputs: [String]
    public var layers: [Layer]

    /// The outline of `graph` (typed: the types come from `graph.types`).
    public init(_ graph: Graph) {
        inputs = Dictionary(uniqueKeysWithValues: graph.inputs.map { ($0.name, $0.type.description) })
        outputs = graph.outputs
        layers = graph.nodes.map { node in
            Layer(name: node.name, op: node.op.operatorName, inputs: node.inputs, outputs: node.outputs,
                  types: node.outputs.map { graph.types[$0]?.description ?? "?" })
        }
    }
}
