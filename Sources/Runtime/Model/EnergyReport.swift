import Accelerator


/// Energy of a run (or one layer of it) in picojoules, from the execution counters and the config's
/// `EnergyModel`: a multiply and an add per MAC, `sramPer64BitPJ` per 64 bits read or written in any
/// buffer, `dramPerBitPJ` per bit moved to or from DRAM, and static power over the cycles at the
/// configured clock.
public struct EnergyReport: Hashable, Sendable {
    public var macPJ: Double
    public var sramPJ: Double
    public var dramPJ: Double
    public var staticPJ: Double

    public init(counters: ExecutionCounters, cycles: Int, config: HardwareConfig) {
        let energy = config.energy
        macPJ = Double(counters.macs) * (energy.int8MultiplyPJ + energy.int32AddPJ)
        sramPJ = Double(counters.sramBytes) / 8 * energy.sramPer64BitPJ
        dramPJ = Double(counters.dramBytes) * 8 * energy.dramPerBitPJ
        // mW × s = 10⁹ pJ, and cycles / (MHz × 10⁶) seconds.
        staticPJ = energy.staticPowerMW * Double(cycles) * 1000 / config.clockMHz
    }

    /// The four parts together.
    public var totalPJ: Double { macPJ + sramPJ + dramPJ + staticPJ }
}
