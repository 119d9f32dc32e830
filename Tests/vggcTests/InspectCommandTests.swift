import Foundation
import Testing
import Accelerator

@Suite struct InspectCommandTests {
    /// The tiny CNN compiled data-free, written once.
    static let compiled: Result<String, Error> = Result {
        let path = TestModels.directory.appendingPathComponent("inspect-\(UUID().uuidString).bin").path
        let result = try VGGCProcess.run(["compile", TestModels.tinyCNN.path, "-o", path])
        guard result.status == 0 else { throw EvalCommandTests.CompileFailure(stderr: result.stderr) }
        return path
    }

    @Test func summarisesSectionsAndLayers() throws {
        let path = try Self.compiled.get()
        let result = try VGGCProcess.run(["inspect", path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let sections = try #require(summary["sections"] as? [[String: Any]])
        #expect(sections.compactMap { $0["tag"] as? String } == ["META", "LABL", "HWCF", "IODS", "LAYR", "CODE", "DRAM", "QGRF"])
        #expect(summary["target"] as? String == "zc706")
        let layers = try #require(summary["programLayers"] as? [[String: Any]])
        #expect(layers.count == 4)
        #expect((summary["instructions"] as? Int ?? 0) > 4)
        #expect(summary["fileBytes"] as? Int == (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int))
        let counts = try #require(summary["layerCounts"] as? [[String: Any]])
        #expect(counts.compactMap { $0["op"] as? String } == ["Conv", "MaxPool", "Reshape", "FullyConnected"])
        // Conv 3x2x3x3 and FC 4x12 int8 weights; 3 + 4 int32 biases.
        #expect(summary["weightBytes"] as? Int == 54 + 48)
        #expect(summary["biasBytes"] as? Int == 28)
        let text = try VGGCProcess.run(["inspect", path])
        #expect(text.stdout.contains("calibration  data-free"))
    }

    /// The layer table prints every name whole (LeNet's run to 32 characters; the table once cut
    /// them at 27).
    @Test func printsWholeLayerNames() throws {
        let path = try EvalCommandTests.compiledLeNet.get()
        let layers = try CompiledModel.load(URL(fileURLWithPath: path)).program.layers
        #expect(layers.contains { $0.name.count > 27 })
        let result = try VGGCProcess.run(["inspect", path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").drop { !$0.hasPrefix("layer ") }.dropFirst()
        #expect(rows.count == layers.count)
        for (row, layer) in zip(rows, layers) {
            #expect(row.hasPrefix(layer.name + " "), "\(row)")
        }
    }

    @Test func truncatedFileIsOneClearError() throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: try Self.compiled.get()))
        let truncated = TestModels.directory.appendingPathComponent("truncated-\(UUID().uuidString).bin")
        try bytes.prefix(bytes.count / 2).write(to: truncated)
        let result = try VGGCProcess.run(["inspect", truncated.path])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("truncated"))
    }
}
