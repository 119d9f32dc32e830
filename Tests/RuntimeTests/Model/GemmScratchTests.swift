import Testing
@testable import Runtime

@Suite struct GemmScratchTests {
    func source(_ address: Int) -> GemmScratch.PatchSource {
        GemmScratch.PatchSource(path: .scalar, inputAddress: address, inputPlanePitch: 100, inputRowPitch: 10, inputChannels: 2,
                                kernelHeight: 3, kernelWidth: 3, outputRows: 8, outputColumns: 8, strideHeight: 1,
                                strideWidth: 1, dilationHeight: 1, dilationWidth: 1)
    }

    /// Packs `source` (from input bytes at its address, 200 long) into a buffer unless one holds it;
    /// returns whether one did.
    func use(_ scratch: GemmScratch, _ address: Int) -> Bool {
        let (entry, _, packed) = scratch.patches(for: source(address), bytes: 256)
        scratch.remember(entry, holds: source(address), from: address..<(address + 200))
        return packed
    }

    @Test func aBoxPackedOnceIsFoundAgain() {
        let scratch = GemmScratch()
        #expect(!use(scratch, 0) && !use(scratch, 1000))
        #expect(use(scratch, 0) && use(scratch, 1000))
    }

    /// With every buffer in use, the one used longest ago is packed over.
    @Test func theBoxUsedLongestAgoMakesRoom() {
        let scratch = GemmScratch()
        let limit = GemmScratch.entryLimit
        for box in 0..<limit { #expect(!use(scratch, 1000 * box)) }
        #expect(use(scratch, 0))
        #expect(!use(scratch, 1000 * limit), "one box more than buffers")
        #expect(use(scratch, 0), "used lately, kept")
        #expect(!use(scratch, 1000), "used longest ago, packed over")
    }

    /// A write sharing a byte with a box's bytes forgets its panels; one beside it does not, and
    /// the end of a run forgets them all.
    @Test func writesToTheBoxForgetItsPanels() {
        let scratch = GemmScratch()
        _ = use(scratch, 0)
        _ = use(scratch, 1000)
        scratch.forgetPatches(overlapping: 200..<1000)
        #expect(use(scratch, 0) && use(scratch, 1000))
        scratch.forgetPatches(overlapping: 199..<200)
        #expect(!use(scratch, 0) && use(scratch, 1000))
        scratch.forgetPatches()
        #expect(!use(scratch, 1000))
    }
}
