import Foundation
import Testing
@testable import Frontend

/// Locating the fields of a protobuf message in its wire form.
@Suite struct ProtobufWireScannerTests {
    private func fields(_ bytes: [UInt8]) -> [ProtobufWireScanner.Field]? {
        bytes.withUnsafeBytes { ProtobufWireScanner(bytes: $0).fields(in: 0..<bytes.count) }
    }

    /// A `TensorProto` swift-protobuf wrote: `dims` 2 and 300 (proto2 varints, one field each),
    /// `name` and `raw_data`.
    @Test func locatesEveryField() throws {
        var tensor = Onnx_TensorProto()
        tensor.dims = [2, 300]
        tensor.name = "w"
        tensor.rawData = Data([1, 2, 3, 4])
        let bytes = [UInt8](try tensor.serializedData())
        let found = try #require(fields(bytes))
        #expect(found.map(\.number) == [1, 1, 8, 9])
        #expect(found.map(\.wireType) == [.varint, .varint, .lengthDelimited, .lengthDelimited])
        #expect(found.map { Array(bytes[$0.payload]) } == [[2], [0xAC, 0x02], [UInt8(ascii: "w")], [1, 2, 3, 4]])
        #expect(found.map(\.range.count) == [2, 3, 3, 6])
        #expect(found.last?.range.upperBound == bytes.count)
    }

    @Test func readsEachWireType() throws {
        // Field 1 varint 150, field 2 fixed64, field 3 fixed32.
        let bytes: [UInt8] = [0x08, 0x96, 0x01, 0x11, 1, 2, 3, 4, 5, 6, 7, 8, 0x1D, 9, 9, 9, 9]
        let found = try #require(fields(bytes))
        #expect(found.map(\.wireType) == [.varint, .fixed64, .fixed32])
        #expect(found.map(\.payload) == [1..<3, 4..<12, 13..<17])
    }

    @Test func refusesWhatItCannotFrame() {
        #expect(fields([0x0A, 0x05, 1, 2]) == nil, "a length past the end")
        #expect(fields([0x08, 0x96]) == nil, "a varint cut short")
        #expect(fields([0x11, 1, 2, 3]) == nil, "a fixed64 cut short")
        #expect(fields([0x0B, 0x0C]) == nil, "a group")
        #expect(fields([0x02, 0x00]) == nil, "field number 0")
        #expect(fields([0x08] + Array(repeating: 0xFF, count: 9) + [0x02]) == nil, "a varint over 64 bits")
        #expect(fields([0x08] + Array(repeating: 0xFF, count: 10) + [0x01]) == nil, "a varint over ten bytes")
        #expect(fields([0x80, 0x80, 0x80, 0x80, 0x10, 0x00]) == nil, "a key over 32 bits")
        #expect(fields([])?.isEmpty == true)
    }
}
