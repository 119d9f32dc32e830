import Accelerator
import Foundation
import Testing
import TestSupport

/// The crafted `.bin` files of issue #16's mutation campaign, rebuilt from a valid LeNet program
/// with one JSON field changed and the checksums recomputed (a CRC catches accidents, not these):
/// `run`, `inspect` and `disasm` each refuse every one with a single error line and exit 1, never a
/// trap, and none allocates what the file claims.
@Suite struct CraftedBinTests {
    static let seed = GeneratedFiles.repositoryRoot.appendingPathComponent("Fuzz/Corpus/bin/lenet_de1soc.bin")
    static let image = GeneratedFiles.repositoryRoot.appendingPathComponent("models/mnist/test/0002_0.png")

    /// One change to a JSON section: the text `from` becomes `to` (it must occur).
    struct Edit: Sendable, CustomTestStringConvertible {
        var section: BinSection.Tag
        var from: String
        var to: String
        var testDescription: String { "\(section.rawValue): \(from) → \(to)" }
    }

    static let edits = [
        Edit(section: .hardwareConfig, from: #"{"bytes":163840,"role":"input"}"#, to: #"{"bytes":-5,"role":"input"}"#),
        Edit(section: .hardwareConfig, from: #"{"bytes":163840,"role":"input"}"#, to: #"{"bytes":4294967296,"role":"input"}"#),
        Edit(section: .hardwareConfig, from: #""bytesPerCycle":8"#, to: #""bytesPerCycle":0"#),
        Edit(section: .hardwareConfig, from: #""Po":12"#, to: #""Po":4611686018427387904"#),
        Edit(section: .hardwareConfig, from: #""dmaSetupCycles":16"#, to: #""dmaSetupCycles":4611686018427387904"#),
        Edit(section: .hardwareConfig, from: #""Pi":6"#, to: #""Pi":9223372036854775807"#),
        Edit(section: .interface, from: #""dims":[1,1,28,28]"#, to: #""dims":[1,1,-9223372036854775808,28]"#),
        Edit(section: .interface, from: #""dims":[1,1,28,28]"#, to: #""dims":[1,-1,28,28]"#),
        Edit(section: .interface, from: #""elementBytes":4,"name":"input""#, to: #""elementBytes":9223372036854775807,"name":"input""#),
        Edit(section: .interface, from: #""dramBytes":20544"#, to: #""dramBytes":4294967297"#),
        Edit(section: .metadata, from: #""width":28"#, to: #""width":1099511627776"#),
        Edit(section: .layers, from: #""instructionCount":9"#, to: #""instructionCount":-9"#),
    ]

    /// The seed's bytes with `edit` applied and every checksum recomputed.
    static func crafted(_ edit: Edit) throws -> URL {
        var file = try BinFile.load(seed)
        let index = try #require(file.sections.firstIndex { $0.tag == edit.section.rawValue })
        let text = String(decoding: file.sections[index].payload, as: UTF8.self)
        try #require(text.contains(edit.from), "the seed's \(edit.section.rawValue) has no \(edit.from)")
        file.sections[index].payload = Array(text.replacingOccurrences(of: edit.from, with: edit.to).utf8)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crafted-\(UUID().uuidString).bin")
        try file.write(to: url)
        return url
    }

    @Test func theSeedIsValid() throws {
        let result = try VGGCProcess.run(["run", Self.seed.path, Self.image.path])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(arguments: edits)
    func everyCommandRefusesTheCraftedFile(_ edit: Edit) throws {
        let url = try Self.crafted(edit)
        defer { try? FileManager.default.removeItem(at: url) }
        for arguments in [["run", url.path, Self.image.path], ["inspect", url.path], ["disasm", url.path]] {
            let result = try VGGCProcess.run(arguments)
            #expect(!result.signalled && result.status == 1, "\(arguments[0]) exited \(result.status): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("error:"), "\(arguments[0]): \(result.stderr)")
        }
    }
}
