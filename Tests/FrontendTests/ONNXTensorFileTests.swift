import Foundation
import IR
import Testing
@testable import Frontend

/// Standalone TensorProto files, as in ONNX's backend test data.
@Suite struct ONNXTensorFileTests {
    typealias F = ONNXFixtures

    @Test(.enabled(if: ONNXFixtures.onnxTestData != nil))
    func readsONNXTestInput() throws {
        let url = try #require(F.onnxTestData).appendingPathComponent("pytorch-converted/test_Conv2d/test_data_set_0/input_0.pb")
        let tensor = try ONNXTensorFile.load(url)
        // Facts read with numpy_helper.to_array from onnx 1.19.1.
        #expect(tensor.shape == [2, 3, 7, 5])
        #expect(tensor.floats.prefix(3) == [-0.982118546962738, 0.5474972724914551, 0.13311725854873657])
        #expect(abs(tensor.floats.reduce(0, +) - 13.567939758300781) < 1e-3)
    }

    @Test(.enabled(if: ONNXFixtures.onnxTestData != nil))
    func float64IsAnUnsupportedType() throws {
        let url = try #require(F.onnxTestData).appendingPathComponent("node/test_cast_FLOAT_to_DOUBLE/test_data_set_0/output_0.pb")
        guard case .unsupportedTensorType(_, let type)? = loadError(url) else {
            Issue.record("expected unsupportedTensorType")
            return
        }
        #expect(type == "DOUBLE")
    }

    @Test func typedAndRawForms() throws {
        let directory = try F.scratchDirectory()
        let typed = directory.appendingPathComponent("typed.pb")
        try (F.int64Tensor("i", [2], [3, -4]).serializedData() as Data).write(to: typed)
        #expect(try ONNXTensorFile.load(typed) == Tensor(shape: [2], int64s: [3, -4]))
        let raw = directory.appendingPathComponent("raw.pb")
        try (F.rawFloatTensor("f", [1, 2], [0.25, 8]).serializedData() as Data).write(to: raw)
        #expect(try ONNXTensorFile.load(raw) == Tensor(shape: [1, 2], floats: [0.25, 8]))
    }

    @Test func malformedFiles() throws {
        let directory = try F.scratchDirectory()
        let garbage = directory.appendingPathComponent("garbage.pb")
        try Data([0xFF, 0xFF, 0xFF, 0xFF]).write(to: garbage)
        guard case .notONNX? = loadError(garbage) else {
            Issue.record("expected notONNX")
            return
        }
        let short = directory.appendingPathComponent("short.pb")
        try (F.rawFloatTensor("f", [3], [1]).serializedData() as Data).write(to: short)
        #expect(loadError(short) == .tensorByteCountMismatch(tensor: "f", expected: 12, actual: 4))
    }

    private func loadError(_ url: URL) -> FrontendError? {
        do {
            _ = try ONNXTensorFile.load(url)
            return nil
        } catch {
            return error as? FrontendError
        }
    }
}
