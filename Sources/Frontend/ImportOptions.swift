/// Choices the caller makes when importing a model.
public struct ImportOptions: Hashable, Sendable {
    /// Extents for symbolic graph-input dims, keyed by their ONNX `dim_param` name (`"batch"`).
    public var dimensionBindings: [String: Int]
    /// Extent for symbolic or missing dims that `dimensionBindings` does not name.
    public var defaultDimension: Int

    public init(dimensionBindings: [String: Int] = [:], defaultDimension: Int = 1) {
        self.dimensionBindings = dimensionBindings
        self.defaultDimension = defaultDimension
    }
}
