import Accelerator
@testable import FuzzHarnesses
import Testing

@Suite struct BinChecksumsTests {
    /// A container with one section whose payload was changed after it was written decodes only
    /// after resealing, to the changed payload.
    @Test func resealingMakesAChangedPayloadDecode() throws {
        var bytes = BinFile(sections: [BinSection(tag: "TEST", payload: [1, 2, 3, 4])]).encoded()
        let payloadStart = bytes.count - 4
        bytes[payloadStart] = 9
        #expect(throws: AcceleratorError.self) { try BinFile.decode(bytes, path: "x.bin") }
        let decoded = try BinFile.decode(BinChecksums.resealed(bytes), path: "x.bin")
        #expect(decoded.sections.first?.payload == [9, 2, 3, 4])
    }

    @Test func bytesShorterThanTheHeaderAreLeftAlone() {
        #expect(BinChecksums.resealed([1, 2, 3]) == [1, 2, 3])
    }
}
