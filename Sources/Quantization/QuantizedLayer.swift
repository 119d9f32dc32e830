import IR

/// One layer of a quantized graph: an op reading named stored values and writing one.
public struct QuantizedLayer: Hashable, Sendable, Codable {
    /// The float node it came from.
    public var name: String
    public var op: QuantizedOp
    public var inputs: [String]
    public var output: String
    /// The output's shape.
    public var dims: [Int]
    /// The output's scale and zero point.
    public var params: QuantParams

    public init(name: String, op: QuantizedOp, inputs: [String], output: String, dims: [Int], params: QuantParams) {
        self.name = name
        self.op = op
        self.inputs = inputs
        self.output = output
        self.dims = dims
        self.params = params
    }
}
