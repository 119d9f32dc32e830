/// The result of `Cosimulation.run`: whether the RTL's DRAM bytes and on-chip layer outputs equal
/// the Swift model's, the first difference, and each layer's cycles on both.
public struct CosimulationReport: Codable, Hashable, Sendable {
    /// One layer's cycles: what it adds to the latest end of the layers before it, on the model's
    /// timeline and on the RTL's.
    public struct Layer: Codable, Hashable, Sendable {
        public var name: String
        public var modelCycles: Int
        public var rtlCycles: Int
    }

    public var target: String
    /// The outputs and every compared layer's DRAM output bytes are equal.
    public var identical: Bool
    /// The first differing layer and byte, when not identical.
    public var firstDifference: String?
    public var layers: [Layer]
    /// Layers whose output was compared byte for byte: in DRAM, or on chip (`onChipLayers`).
    public var comparedLayers: [String]
    /// The compared layers whose output stays on chip, compared through a copy of its SRAM region
    /// taken when the layer's last compute-unit instruction ended.
    public var onChipLayers: [String]
    /// Layers not compared: they have no output of their own, or a later layer overwrites its DRAM.
    public var uncomparedLayers: [String]
    public var modelCycles: Int
    /// The cycle the RTL raised `done`, counted from the `start` pulse.
    public var rtlCycles: Int
    public var cachedBuild: Bool
    public var buildSeconds: Double
    public var simulationSeconds: Double
    public var cyclesPerSecond: Double
}
