/// The SRAM a layer's tiles may use, after the regions that carry values between layers, and
/// whether its input and output stay on chip.
struct LayerBudget: Hashable, Sendable {
    var inputBytes: Int
    var weightBytes: Int
    var accumulatorBytes: Int
    var outputBytes: Int
    /// Bytes per stored value and per accumulator entry.
    var elementBytes: Int
    var accumulatorEntryBytes: Int
    /// The layer reads its whole input from a region the previous layer wrote on chip.
    var inputResident: Bool
    /// The layer writes its output on chip for the next layer instead of storing it.
    var outputResident: Bool
}
