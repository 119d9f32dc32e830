import IR

/// A graph output: the stored value it dequantizes (`scale × (q − zeroPoint)`), and when the float
/// graph ended in Softmax, the softmax the host applies in float to the dequantized value. The
/// accelerator never computes that softmax.
public struct QuantizedOutput: Hashable, Sendable, Codable {
    /// A softmax the host runs in fp32, with the float graph's attributes.
    public struct HostSoftmax: Hashable, Sendable, Codable {
        public var axis: Int
        public var coerce2D: Bool

        public init(axis: Int, coerce2D: Bool) {
            self.axis = axis
            self.coerce2D = coerce2D
        }
    }

    /// The float graph's output name.
    public var name: String
    /// The stored value that is dequantized.
    public var value: String
    public var dims: [Int]
    public var params: QuantParams
    public var hostSoftmax: HostSoftmax?

    public init(name: String, value: String, dims: [Int], params: QuantParams, hostSoftmax: HostSoftmax?) {
        self.name = name
        self.value = value
        self.dims = dims
        self.params = params
        self.hostSoftmax = hostSoftmax
    }
}
