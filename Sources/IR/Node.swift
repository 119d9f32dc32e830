/// One operation in the graph: an op applied to named input values, producing named outputs.
public struct Node: Hashable, Sendable {
    /// Unique, stable name (the ONNX node name, or one derived from its first output).
    public var name: String
    public var op: Op
    /// Names of the input values; an empty string marks an omitted optional input.
    public var inputs: [String]
    /// Names of the output values; an empty string marks an unused optional output.
    public var outputs: [String]

    public init(name: String, op: Op, inputs: [String], outputs: [String]) {
        self.name = name
        self.op = op
        self.inputs = inputs
        self.outputs = outputs
    }
}
