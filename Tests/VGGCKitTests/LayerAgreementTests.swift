import Foundation
import Testing
import VGGCKit

@Suite struct LayerAgreementTests {
    /// q = (1, 2), r = (1, 1): cos = 3 / √10; SQNR = 10 log10(2 / 1) dB.
    @Test func cosineAndSQNRByHand() {
        var agreement = LayerAgreement(name: "conv1", value: "c1")
        agreement.add(quantized: [1], reference: [1])
        agreement.add(quantized: [2], reference: [1])
        #expect(abs(agreement.cosine - 3 / 10.0.squareRoot()) < 1e-12)
        #expect(abs(agreement.sqnrDB - 3.010299956639812) < 1e-12)
    }

    @Test func identicalValuesHaveNoNoise() {
        var agreement = LayerAgreement(name: "fc", value: "y")
        agreement.add(quantized: [0.5, -2], reference: [0.5, -2])
        #expect(abs(agreement.cosine - 1) < 1e-12)
        #expect(agreement.sqnrDB == .infinity)
        #expect(LayerAgreement(name: "empty", value: "e").cosine == 1)
    }
}
