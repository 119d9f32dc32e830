/// Where a value lives between the layer that writes it and the layer that reads it, as the
/// `residency` stage decides.
public enum Residence: Hashable, Sendable {
    /// In DRAM: its producer stores it and its readers load it.
    case dram
    /// On chip: its producer writes it straight into the input buffer, inside the padded input box
    /// of the next layer, its only reader.
    case onChip
}
