import Foundation
import IR
import Runtime
import Testing
import VGGCKit

@Suite struct InputTensorsTests {
    static let one = Graph(name: "one", inputs: [ValueInfo(name: "x", type: TensorType(.float32, [1, 3]))], outputs: [],
                           initializers: [:], nodes: [])
    static let two = Graph(name: "two", inputs: [ValueInfo(name: "a", type: TensorType(.float32, [2])),
                                                 ValueInfo(name: "b", type: TensorType(.float32, [2]))],
                           outputs: [], initializers: [:], nodes: [])

    @Test func withoutFilesAOneInputModelGetsTheSameInputInZeroToOne() throws {
        let first = try InputTensors.load([], for: Self.one)
        #expect(first.synthesized)
        let values = try #require(first.tensors["x"]).floats
        #expect(values.count == 3 && values.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(try InputTensors.load([], for: Self.one) == first)
        #expect(throws: VGGCKitError.inputCount(model: "two", inputs: ["a", "b"])) { try InputTensors.load([], for: Self.two) }
    }

    @Test func readsNamedAndUnnamedFiles() throws {
        let folder = try KitFixtures.directory("inputs")
        let file = folder.appendingPathComponent("v.npy")
        try NPYFile.save(Tensor(shape: [2], floats: [1, 2]), to: file)
        let named = try InputTensors.load(["a=\(file.path)", "b=\(file.path)"], for: Self.two)
        #expect(!named.synthesized && named.tensors.keys.sorted() == ["a", "b"])
        #expect(named.tensors["a"]?.floats == [1, 2])
        #expect(throws: VGGCKitError.unnamedInput(spec: file.path, inputs: ["a", "b"])) {
            try InputTensors.load([file.path], for: Self.two)
        }
        #expect(try InputTensors.load([file.path], for: Self.one).tensors["x"]?.floats == [1, 2])
    }
}
