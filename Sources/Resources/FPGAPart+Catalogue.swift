extension FPGAPart {
    /// The parts vggc knows, in the order `vggc resources` lists them. Figures from the vendors'
    /// product tables: Xilinx DS190 (Zynq-7000), DS891 (Zynq UltraScale+), Intel's Cyclone V
    /// device overview.
    public static let catalogue: [FPGAPart] = [
        FPGAPart(name: "xc7z020", device: "Zynq-7000 XC7Z020", dspBlocks: 220, dspKind: "DSP48E1", int8MultipliersPerDSP: 1,
                 wideMultipliersPerDSP: 1, memoryBlocks: 140, memoryBlock: .bram36, luts: 53_200, flipFlops: 106_400),
        FPGAPart(name: "xc7z045", device: "Zynq-7000 XC7Z045", dspBlocks: 900, dspKind: "DSP48E1", int8MultipliersPerDSP: 1,
                 wideMultipliersPerDSP: 1, memoryBlocks: 545, memoryBlock: .bram36, luts: 218_600, flipFlops: 437_200),
        FPGAPart(name: "xczu9eg", device: "Zynq UltraScale+ XCZU9EG", dspBlocks: 2_520, dspKind: "DSP48E2",
                 int8MultipliersPerDSP: 1, wideMultipliersPerDSP: 1, memoryBlocks: 912, memoryBlock: .bram36, luts: 274_080,
                 flipFlops: 548_160),
        FPGAPart(name: "5csema5", device: "Cyclone V SE 5CSEMA5 (DE1-SoC)", dspBlocks: 87, dspKind: "variable-precision DSP",
                 int8MultipliersPerDSP: 3, wideMultipliersPerDSP: 2, memoryBlocks: 397, memoryBlock: .m10k, luts: 64_140,
                 flipFlops: 128_300),
    ]

    /// The catalogue's part with this name (case-insensitive).
    /// - Throws: `ResourcesError.unknownPart` naming the known parts.
    public static func named(_ name: String) throws -> FPGAPart {
        guard let part = catalogue.first(where: { $0.name == name.lowercased() }) else {
            throw ResourcesError.unknownPart(name, known: catalogue.map(\.name))
        }
        return part
    }
}
