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
    /// How many of the layer's input operands it reads on chip, where their producers wrote them
    /// (the rest it loads from DRAM).
    var residentInputs: Int
    /// The layer writes its output on chip for its readers instead of storing it.
    var outputResident: Bool
}
