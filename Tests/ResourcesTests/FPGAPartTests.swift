import Testing
@testable import Resources

@Suite struct FPGAPartTests {
    @Test func catalogueHasTheIssuesPartsWithTheirCapacities() throws {
        #expect(FPGAPart.catalogue.map(\.name) == ["xc7z020", "xc7z045", "xczu9eg", "5csema5"])
        let z045 = try FPGAPart.named("XC7Z045")
        #expect((z045.dspBlocks, z045.memoryBlocks) == (900, 545))
        let zu9 = try FPGAPart.named("xczu9eg")
        #expect((zu9.dspBlocks, zu9.memoryBlocks, zu9.dspKind) == (2_520, 912, "DSP48E2"))
        let cyclone = try FPGAPart.named("5csema5")
        #expect((cyclone.dspBlocks, cyclone.memoryBlocks, cyclone.memoryBlock) == (87, 397, .m10k))
    }

    @Test func unknownPartNamesTheKnownOnes() {
        #expect(throws: ResourcesError.unknownPart("xc7a35t", known: ["xc7z020", "xc7z045", "xczu9eg", "5csema5"])) {
            try FPGAPart.named("xc7a35t")
        }
        #expect(ResourcesError.unknownPart("x", known: ["a", "b"]).description == "unknown FPGA part 'x'; known parts: a, b")
    }
}
