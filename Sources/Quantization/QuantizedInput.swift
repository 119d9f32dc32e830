import IR

/// The graph's float input and how the host quantizes it:
/// `q = clamp(round_half_even(x / scale) + zeroPoint, storage range)`.
public struct QuantizedInput: Hashable, Sendable, Codable {
    public var name: String
    public var dims: [Int]
    public var params: QuantParams

    public init(name: String, dims: [Int], params: QuantParams) {
        self.name = name
        self.dims = dims
        self.params = params
    }
}
