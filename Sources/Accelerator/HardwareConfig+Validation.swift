extension HardwareConfig {
    /// The largest SRAM buffer an address field reaches (24 bits).
    public static let largestBufferBytes = 1 << 24

    /// The largest PE array dimension (`Po`, `Pi`, `Pk`, `Pp` each).
    public static let largestArrayDimension = 4096
    /// The most MACs per cycle a config may have (`Po × Pi × Pk × Pp`).
    public static let largestMACsPerCycle = 1 << 24
    /// The largest cycle count in a config field (latencies and instruction costs).
    public static let largestCycleField = 1 << 24

    /// Refuses configs with zero or negative sizes, a missing buffer, or an unusable DRAM interface,
    /// and bounds every number (docs/FORMAT.md, "Limits") so that no product the compiler, the
    /// timing model or the simulator forms from config fields can overflow.
    public func validate() throws {
        func require(_ condition: Bool, _ field: String, _ reason: String) throws {
            if !condition { throw AcceleratorError.inconsistentConfig(name: name, field: field, reason: reason) }
        }
        for (field, value) in [("array.Po", array.po), ("array.Pi", array.pi), ("array.Pk", array.pk), ("array.Pp", array.pp)] {
            try require(value > 0, field, "is \(value); every PE array dimension must be at least 1")
            try require(value <= Self.largestArrayDimension, field, "is \(value); at most \(Self.largestArrayDimension)")
        }
        try require(array.po * array.pi * array.pk * array.pp <= Self.largestMACsPerCycle, "array",
                    "has \(array.po * array.pi * array.pk * array.pp) MACs per cycle; at most \(Self.largestMACsPerCycle)")
        try require(clockMHz > 0 && clockMHz <= 100_000, "clockMHz", "is \(clockMHz); must be positive and at most 100000")
        for (field, value) in [("costs.issueCycles", costs.issueCycles), ("costs.dmaSetupCycles", costs.dmaSetupCycles),
                               ("costs.computePipelineCycles", costs.computePipelineCycles),
                               ("dram.latencyCycles", dram.latencyCycles)] {
            try require((0...Self.largestCycleField).contains(value), field, "is \(value); must be in 0...\(Self.largestCycleField)")
        }
        for (field, value) in [("energy.int8MultiplyPJ", energy.int8MultiplyPJ), ("energy.int32AddPJ", energy.int32AddPJ),
                               ("energy.sramPer64BitPJ", energy.sramPer64BitPJ), ("energy.dramPerBitPJ", energy.dramPerBitPJ),
                               ("energy.staticPowerMW", energy.staticPowerMW)] {
            try require(value >= 0 && value <= 1e9, field, "is \(value); must be in 0...1e9")
        }
        for role in SRAMBuffer.Role.allCases {
            let matching = buffers.filter { $0.role == role }
            try require(matching.count == 1, "buffers", "has \(matching.count) '\(role.rawValue)' buffers; needs exactly one")
            try require(matching[0].bytes > 0, "buffers.\(role.rawValue).bytes", "is \(matching[0].bytes); must be positive")
            try require(matching[0].bytes <= Self.largestBufferBytes, "buffers.\(role.rawValue).bytes",
                        "is \(matching[0].bytes); SRAM addresses are 24 bits, so at most \(Self.largestBufferBytes)")
        }
        try require(dram.bytesPerCycle > 0 && dram.bytesPerCycle <= 65536, "dram.bytesPerCycle",
                    "is \(dram.bytesPerCycle); must be positive and at most 65536")
        try require(dram.busWidthBits > 0 && dram.busWidthBits <= 65536 && dram.busWidthBits % 8 == 0, "dram.busWidthBits",
                    "is \(dram.busWidthBits); must be a positive multiple of 8, at most 65536")
    }
}
