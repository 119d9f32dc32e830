extension HardwareConfig {
    /// The largest SRAM buffer an address field reaches (24 bits).
    public static let largestBufferBytes = 1 << 24

    /// Refuses configs with zero or negative sizes, a missing buffer, or an unusable DRAM interface.
    public func validate() throws {
        func require(_ condition: Bool, _ field: String, _ reason: String) throws {
            if !condition { throw AcceleratorError.inconsistentConfig(name: name, field: field, reason: reason) }
        }
        for (field, value) in [("array.Po", array.po), ("array.Pi", array.pi), ("array.Pk", array.pk), ("array.Pp", array.pp)] {
            try require(value > 0, field, "is \(value); every PE array dimension must be at least 1")
        }
        try require(clockMHz > 0, "clockMHz", "is \(clockMHz); must be positive")
        for role in SRAMBuffer.Role.allCases {
            let matching = buffers.filter { $0.role == role }
            try require(matching.count == 1, "buffers", "has \(matching.count) '\(role.rawValue)' buffers; needs exactly one")
            try require(matching[0].bytes > 0, "buffers.\(role.rawValue).bytes", "is \(matching[0].bytes); must be positive")
            try require(matching[0].bytes <= Self.largestBufferBytes, "buffers.\(role.rawValue).bytes",
                        "is \(matching[0].bytes); SRAM addresses are 24 bits, so at most \(Self.largestBufferBytes)")
        }
        try require(dram.bytesPerCycle > 0, "dram.bytesPerCycle", "is \(dram.bytesPerCycle); must be positive")
        try require(dram.latencyCycles >= 0, "dram.latencyCycles", "is \(dram.latencyCycles); must not be negative")
        try require(dram.busWidthBits > 0 && dram.busWidthBits % 8 == 0, "dram.busWidthBits",
                    "is \(dram.busWidthBits); must be a positive multiple of 8")
    }
}
