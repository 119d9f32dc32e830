import Foundation
import IR
import Testing
@testable import Frontend

/// External data as `onnx.save_model(save_as_external_data=True)` writes it: tensors read at an
/// offset of a file next to the model, and every way such a reference can be wrong.
@Suite struct ExternalDataStoreTests {
    typealias F = ONNXFixtures

    private func externalTensor(_ name: String, dims: [Int64], location: String, offset: Int?, length: Int?) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.name = name
        tensor.dims = dims
        tensor.dataType = F.float
        tensor.dataLocation = .external
        var entries = [("location", location)]
        if let offset { entries.append(("offset", String(offset))) }
        if let length { entries.append(("length", String(length))) }
        tensor.externalData = entries.map { key, value in
            var entry = Onnx_StringStringEntryProto()
            entry.key = key
            entry.value = value
            return entry
        }
        return tensor
    }

    /// A model adding the external tensor `w [3]` to its input, written to a fresh directory that
    /// also holds `weights.bin`: 12 bytes of padding, then the floats 1, 2, 3.
    private func writeModel(location: String = "weights.bin", offset: Int? = 12, length: Int? = 12,
                            dims: [Int64] = [3]) throws -> URL {
        let directory = try F.scratchDirectory()
        try (Data(repeating: 0xAB, count: 12) + F.littleEndianBytes([1, 2, 3])).write(to: directory.appendingPathComponent("weights.bin"))
        let model = F.model(nodes: [F.node("Add", ["x", "w"], ["y"])], inputs: [F.tensorInfo("x", [3])], outputs: ["y"],
                            initializers: [externalTensor("w", dims: dims, location: location, offset: offset, length: length)])
        return try F.write(model, to: directory)
    }

    private func loadError(_ url: URL) -> FrontendError? {
        do {
            _ = try ONNXModelFile.load(url)
            return nil
        } catch {
            return error as? FrontendError
        }
    }

    @Test func readsTensorAtOffset() throws {
        let graph = try ONNXModelFile.load(writeModel()).importGraph()
        #expect(graph.initializers["w"] == Tensor(shape: [3], floats: [1, 2, 3]))
    }

    /// A weights file reached through a symbolic link is measured by the file, not by the link.
    @Test func readsThroughASymbolicLink() throws {
        let url = try writeModel()
        let directory = url.deletingLastPathComponent()
        let link = directory.appendingPathComponent("weights.bin"), real = directory.appendingPathComponent("real-weights.bin")
        try FileManager.default.moveItem(at: link, to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        let graph = try ONNXModelFile.load(url).importGraph()
        #expect(graph.initializers["w"] == Tensor(shape: [3], floats: [1, 2, 3]))
    }

    /// A link beside the model to a folder elsewhere (`up` → the system's configuration folder) cannot
    /// carry a location out of the model's directory.
    @Test func aSymbolicLinkOutOfTheModelDirectoryIsRefused() throws {
        let outside = try F.scratchDirectory()
        try (Data(repeating: 0xAB, count: 12) + F.littleEndianBytes([1, 2, 3])).write(to: outside.appendingPathComponent("secret.bin"))
        let url = try writeModel(location: "up/secret.bin")
        try FileManager.default.createSymbolicLink(at: url.deletingLastPathComponent().appendingPathComponent("up"), withDestinationURL: outside)
        #expect(loadError(url) == .externalDataOutsideModelDirectory(tensor: "w", location: "up/secret.bin"))
    }

    @Test func aFolderIsNotExternalData() throws {
        let url = try writeModel(location: "folder")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent().appendingPathComponent("folder"),
                                                withIntermediateDirectories: true)
        guard case .unreadableFile? = loadError(url) else {
            Issue.record("expected unreadableFile for a folder")
            return
        }
    }

    @Test func lengthDefaultsToTheRestOfTheFile() throws {
        let graph = try ONNXModelFile.load(writeModel(offset: 12, length: nil)).importGraph()
        #expect(graph.initializers["w"] == Tensor(shape: [3], floats: [1, 2, 3]))
    }

    @Test func missingFile() throws {
        let url = try writeModel(location: "absent.bin")
        let expected = url.deletingLastPathComponent().appendingPathComponent("absent.bin").path
        #expect(loadError(url) == .missingExternalData(tensor: "w", path: expected))
    }

    @Test func rangePastTheEndOfTheFile() throws {
        let url = try writeModel(offset: 16, length: 12)
        let path = url.deletingLastPathComponent().appendingPathComponent("weights.bin").path
        #expect(loadError(url) == .externalDataOutOfRange(tensor: "w", path: path, offset: 16, length: 12, fileSize: 24))
        let overflowing = try writeModel(offset: Int.max, length: 12)
        guard case .externalDataOutOfRange? = loadError(overflowing) else {
            Issue.record("expected externalDataOutOfRange")
            return
        }
    }

    @Test func lengthMustMatchTheDims() throws {
        #expect(loadError(try writeModel(offset: 8, length: 16)) == .tensorByteCountMismatch(tensor: "w", expected: 12, actual: 16))
    }

    @Test(arguments: ["/etc/passwd", "../weights.bin", "sub/../../weights.bin"])
    func locationsOutsideTheModelDirectoryAreRefused(location: String) throws {
        #expect(loadError(try writeModel(location: location))
                == .externalDataOutsideModelDirectory(tensor: "w", location: location))
    }

    @Test func malformedOffset() throws {
        var tensor = externalTensor("w", dims: [3], location: "weights.bin", offset: nil, length: nil)
        var entry = Onnx_StringStringEntryProto()
        entry.key = "offset"
        entry.value = "-4"
        tensor.externalData.append(entry)
        let model = F.model(nodes: [F.node("Add", ["x", "w"], ["y"])], inputs: [F.tensorInfo("x", [3])], outputs: ["y"],
                            initializers: [tensor])
        #expect(loadError(try F.write(model, to: F.scratchDirectory()))
                == .invalidTensor(tensor: "w", detail: "external data 'offset' is '-4', not a byte count"))
    }
}
