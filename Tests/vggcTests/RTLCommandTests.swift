import Foundation
import Testing

@Suite struct RTLCommandTests {
    @Test func writesTheBundleAndPrintsItsManifest() throws {
        let directory = TestModels.directory.appendingPathComponent("rtl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try VGGCProcess.run(["rtl", "--target", "de1soc", "-o", directory.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(manifest["top"] as? String == "vggc_top" && manifest["target"] as? String == "de1soc")
        let files = try #require(manifest["files"] as? [String])
        for file in files + ["tb/vggc_tb.cpp", "vggc_config.h", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "\(file)")
        }
        let written = try String(contentsOf: directory.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(written == result.stdout)
    }

    @Test func unknownTargetIsOneLine() throws {
        let result = try VGGCProcess.run(["rtl", "--target", "nope", "-o", TestModels.directory.appendingPathComponent("rtl-nope").path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: unknown target 'nope'") && result.stderr.split(separator: "\n").count == 1)
    }
}
