/// Where a value lives between the layer that writes it and the layers that read it, as the
/// `residency` stage decides.
public enum Residence: Hashable, Sendable {
    /// In DRAM: its producer stores it and its readers load it.
    case dram
    /// On chip: its producer writes it straight into a box in the input buffer (`OnChipValue`),
    /// which stays there until its last reader; every reader reads it from there.
    case onChip
}
