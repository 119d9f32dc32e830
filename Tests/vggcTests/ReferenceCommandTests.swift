import Foundation
import IR
import Runtime
import Testing

@Suite struct ReferenceCommandTests {
    @Test func runsTheFloatReferenceOnAnNPYInputAndSavesOutputs() throws {
        let directory = TestModels.directory.appendingPathComponent("reference-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let input = directory.appendingPathComponent("x.npy")
        try NPYFile.save(Tensor(shape: [1, 2, 4, 4], floats: (0..<32).map { Float($0) / 32 }), to: input)
        let result = try VGGCProcess.run(["reference", TestModels.tinyCNN.path, "--input", input.path,
                                          "--json", "--save-outputs", directory.path])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let outputs = object?["outputs"] as? [[String: Any]] ?? []
        #expect(outputs.first?["shape"] as? [Int] == [1, 4])
        let saved = try NPYFile.load(directory.appendingPathComponent("y.npy"))
        #expect(saved.shape == [1, 4])
        let top = (outputs.first?["top"] as? [[String: Any]])?.first
        #expect((top?["value"] as? Double).map { Float($0) } == saved.floats.max())
    }

    @Test func wrongInputShapeIsAClearError() throws {
        let input = TestModels.directory.appendingPathComponent("wrong-\(UUID().uuidString).npy")
        try NPYFile.save(Tensor(shape: [1, 3], floats: [1, 2, 3]), to: input)
        let result = try VGGCProcess.run(["reference", TestModels.tinyCNN.path, "--input", input.path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: "))
        #expect(result.stderr.contains("x"))
    }
}
