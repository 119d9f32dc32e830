import Foundation
import Testing
@testable import Frontend

/// Decoding a binary model in pieces from its mapping, against swift-protobuf decoding it whole.
@Suite struct MappedModelDecoderTests {
    typealias F = ONNXFixtures

    /// A model with two initializers in `raw_data`, one in `float_data` and a `Constant` node.
    private func model() -> Onnx_ModelProto {
        var model = F.model(nodes: [F.node("Constant", [], ["c"], [F.attribute("value", tensor: F.rawFloatTensor("", [2], [7, 8]))]),
                                    F.node("Add", ["x", "w"], ["s"], name: "add"), F.node("Mul", ["s", "v"], ["y"], name: "mul")],
                            inputs: [F.tensorInfo("x", [3])], outputs: ["y"],
                            initializers: [F.rawFloatTensor("w", [3], [0.5, -1, 2]), F.floatTensor("u", [1], [4]),
                                           F.rawFloatTensor("v", [3], [1, 2, 3])])
        model.producerName = "tests"
        return model
    }

    /// The key of field `number` with wire type 2 and the payload's length, as varints.
    private func lengthDelimitedHeader(_ number: Int, count: Int) -> Data {
        Data(varint(UInt64(number) << 3 | 2) + varint(UInt64(count)))
    }

    private func varint(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = [], rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        return bytes + [UInt8(rest)]
    }

    /// A decoded model, or the text of the error decoding threw.
    private enum Outcome: Equatable {
        case model(Onnx_ModelProto)
        case failure(String)

        init(_ decode: () throws -> Onnx_ModelProto) {
            do { self = .model(try decode()) } catch { self = .failure("\(error)") }
        }

        func get() throws -> Onnx_ModelProto {
            guard case .model(let model) = self else { throw FrontendError.notONNX(path: "", detail: "\(self)") }
            return model
        }
    }

    /// `bytes` decoded from a file by `MappedModelDecoder`, and by swift-protobuf whole.
    private func bothDecodings(_ bytes: Data, in directory: URL) throws -> (split: Outcome, whole: Outcome) {
        let url = directory.appendingPathComponent("model.onnx")
        try bytes.write(to: url, options: .atomic)
        return (Outcome { try MappedModelDecoder.decode(MappedFile(url)) }, Outcome { try Onnx_ModelProto(serializedBytes: bytes) })
    }

    @Test func decodesAsSwiftProtobufDoes() throws {
        let (split, whole) = try bothDecodings(try model().serializedData(), in: F.scratchDirectory())
        #expect(try split.get() == whole.get())
    }

    /// Initializers before and between the other graph fields, a `raw_data` given twice (the last
    /// one counts) and before the dims, the model's fields after its graph.
    @Test func fieldsInAnyOrderDecodeAsSwiftProtobufDoes() throws {
        var tensor = Onnx_TensorProto()
        tensor.rawData = F.littleEndianBytes([9, 9, 9])
        var lastRawData = Onnx_TensorProto()
        lastRawData.rawData = F.littleEndianBytes([1, 2, 3])
        let w = try tensor.serializedData() + F.rawFloatTensor("w", [3], [0.5, -1, 2]).serializedData() + lastRawData.serializedData()
        var rest = model()
        rest.graph.initializer = []
        var v = Onnx_GraphProto()
        v.initializer = [F.rawFloatTensor("v", [3], [1, 2, 3])]
        let graph = try lengthDelimitedHeader(5, count: w.count) + w + rest.graph.serializedData() + v.serializedData()
        var modelFields = rest
        modelFields.clearGraph()
        let bytes = lengthDelimitedHeader(7, count: graph.count) + graph + (try modelFields.serializedData())
        let (split, whole) = try bothDecodings(bytes, in: F.scratchDirectory())
        #expect(try split.get() == whole.get())
        #expect(try split.get().graph.initializer.map(\.name) == ["w", "v"])
        #expect(try split.get().graph.initializer[0].rawData == F.littleEndianBytes([1, 2, 3]))
    }

    /// Every truncation of the model and every byte of it set to 0xFF: the pieces decode to what
    /// the whole does, or both fail with the same error.
    @Test func truncatedAndGarbledBytesDecodeAsSwiftProtobufDoes() throws {
        let bytes = try model().serializedData()
        let directory = try F.scratchDirectory()
        var variants = (0..<bytes.count).map { bytes.prefix($0) }
        for position in bytes.indices {
            var garbled = bytes
            garbled[position] = 0xFF
            variants.append(garbled)
        }
        for variant in variants {
            let (split, whole) = try bothDecodings(Data(variant), in: directory)
            #expect(split == whole, "\(variant.count) bytes")
        }
    }

    /// The initializers' `raw_data` reads the mapped file: the weights are not copied at load
    /// (`Data` keeps at most 14 bytes inline, so the tensors here are larger).
    @Test func rawDataIsNotCopied() throws {
        var large = model()
        large.graph.initializer = ["w", "v"].map { F.rawFloatTensor($0, [64], (0..<64).map(Float.init)) }
        let file = try MappedFile(F.write(large, to: F.scratchDirectory()))
        let decoded = try MappedModelDecoder.decode(file)
        let mapped = file.withUnsafeBytes { UInt(bitPattern: $0.baseAddress)..<UInt(bitPattern: $0.baseAddress! + $0.count) }
        for name in ["w", "v"] {
            let rawData = try #require(decoded.graph.initializer.first { $0.name == name }?.rawData)
            #expect(rawData.withUnsafeBytes { mapped.contains(UInt(bitPattern: $0.baseAddress)) }, "\(name)")
        }
    }
}
