/// Energy per operation in picojoules, plus static power. Defaults follow Horowitz, "Computing's
/// energy problem", ISSCC 2014 (45 nm).
public struct EnergyModel: Codable, Hashable, Sendable {
    /// One int8 multiply.
    public var int8MultiplyPJ: Double
    /// One int32 add (the accumulation).
    public var int32AddPJ: Double
    /// Reading or writing 64 bits of on-chip SRAM (Horowitz: 10 pJ at 8 KB, 20 pJ at 32 KB,
    /// 100 pJ at 1 MB; presets pick by buffer size).
    public var sramPer64BitPJ: Double
    /// One bit moved to or from DRAM (about 20 pJ).
    public var dramPerBitPJ: Double
    /// Static (leakage and clock) power in milliwatts.
    public var staticPowerMW: Double

    public init(int8MultiplyPJ: Double, int32AddPJ: Double, sramPer64BitPJ: Double, dramPerBitPJ: Double,
                staticPowerMW: Double) {
        self.int8MultiplyPJ = int8MultiplyPJ
        self.int32AddPJ = int32AddPJ
        self.sramPer64BitPJ = sramPer64BitPJ
        self.dramPerBitPJ = dramPerBitPJ
        self.staticPowerMW = staticPowerMW
    }
}
