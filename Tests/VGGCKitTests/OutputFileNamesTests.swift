import Testing
import VGGCKit

@Suite struct OutputFileNamesTests {
    @Test func namesThatWouldCollideGetTheOutputIndex() {
        #expect(OutputFileNames.npy(for: ["out/x", "out_x", "y", "a.b"]) == ["out_x-0.npy", "out_x-1.npy", "y.npy", "a_b.npy"])
    }

    @Test func distinctNamesKeepTheirOwnFileName() {
        #expect(OutputFileNames.npy(for: ["logits", "probabilities"]) == ["logits.npy", "probabilities.npy"])
    }
}
