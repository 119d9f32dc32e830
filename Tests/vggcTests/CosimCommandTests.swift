import Foundation
import Testing
import TestSupport

@Suite struct CosimCommandTests {
    /// LeNet on de1soc, co-simulated with the simulator cache the RTL tests share.
    @Test func lenetIsIdenticalAndGivesEveryLayersCycles() throws {
        let root = GeneratedFiles.repositoryRoot
        let model = TestModels.directory.appendingPathComponent("cosim-\(UUID().uuidString).bin").path
        defer { try? FileManager.default.removeItem(atPath: model) }
        let compile = try VGGCProcess.run(["compile", root.appendingPathComponent("models/lenet_de1soc.onnx").path, "--target", "de1soc",
                                           "-o", model])
        #expect(compile.status == 0, "\(compile.stderr)")
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-rtl-tests").path
        let result = try VGGCProcess.run(["cosim", model, root.appendingPathComponent("models/mnist/test/0002_0.png").path,
                                          "--cache", cache, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["identical"] as? Bool == true)
        let layers = try #require(report["layers"] as? [[String: Any]])
        #expect(layers.count == 9 && layers.first?["name"] as? String == "/features/features.0/Conv")
        #expect(layers.allSatisfy { ($0["modelCycles"] as? Int) != nil && ($0["rtlCycles"] as? Int) != nil })
    }
}
