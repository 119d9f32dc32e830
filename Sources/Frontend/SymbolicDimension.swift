/// A graph-input dim the model leaves open: named by a `dim_param` (such as `batch`) or missing.
/// Import binds it through `ImportOptions`.
public struct SymbolicDimension: Hashable, Sendable, Codable {
    /// The graph input it belongs to.
    public var input: String
    /// The axis within that input.
    public var axis: Int
    /// The `dim_param` name, or `nil` when the dim carries neither a value nor a name.
    public var parameter: String?

    public init(input: String, axis: Int, parameter: String?) {
        self.input = input
        self.axis = axis
        self.parameter = parameter
    }
}
