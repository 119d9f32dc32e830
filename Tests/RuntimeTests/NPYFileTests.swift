import Foundation
import IR
import Testing
@testable import Runtime

@Suite struct NPYFileTests {
    /// The byte layout numpy writes for `np.save`: magic, version 1.0, header length, the header
    /// dictionary padded with spaces to a 64-byte boundary and a newline, then the raw data.
    static func npyBytes(descr: String, shape: String, payload: [UInt8]) -> [UInt8] {
        let header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }"
        let padded = header + String(repeating: " ", count: 128 - 10 - header.utf8.count - 1) + "\n"
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(padded.utf8.count), 0] + Array(padded.utf8) + payload
    }

    static let numpyFloat32Row: [UInt8] = npyBytes(
        descr: "<f4", shape: "(1, 3)",
        payload: [Float(1.5), -2.0, 3.25].flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } })

    @Test func decodesNumpyLayout() throws {
        let tensor = try NPYFile.decode(Data(Self.numpyFloat32Row), path: "row.npy")
        #expect(tensor.shape == [1, 3])
        #expect(tensor.data == .float32([1.5, -2.0, 3.25]))
    }

    @Test(arguments: [
        TensorData.float32([0, -1.25, .infinity, 7]), .int8([-128, 0, 1, 127]), .uint8([0, 255, 3, 4]),
        .int32([Int32.min, -1, 0, Int32.max]), .int64([Int64.min, 2, 3, Int64.max]), .bool([true, false, true, true]),
    ])
    func roundTripsEveryType(data: TensorData) throws {
        let tensor = Tensor(shape: [2, 2], data: data)
        let bytes = NPYFile.encode(tensor)
        #expect((bytes.count - tensor.data.count * tensor.data.elementType.byteWidth) % 64 == 0)
        #expect(try NPYFile.decode(bytes, path: "t.npy") == tensor)
    }

    @Test func scalarAndVectorShapes() throws {
        for shape: Shape in [[], [5]] {
            let tensor = Tensor(shape: shape, floats: Array(repeating: 2, count: shape.elementCount))
            #expect(try NPYFile.decode(NPYFile.encode(tensor), path: "s.npy").shape == shape)
        }
    }

    @Test func rejectsBadMagic() {
        #expect(throws: RuntimeError.malformedNPY(path: "x.npy", reason: "missing \\x93NUMPY magic")) {
            try NPYFile.decode(Data("hello world".utf8), path: "x.npy")
        }
    }

    @Test func rejectsTruncatedPayloadWithByteCounts() {
        let bytes = Data(Self.numpyFloat32Row.dropLast(4))
        #expect(throws: RuntimeError.malformedNPY(path: "row.npy", reason: "shape [1,3] of f32 needs 12 data bytes, file has 8")) {
            try NPYFile.decode(bytes, path: "row.npy")
        }
    }

    @Test func rejectsUnsupportedDtype() {
        let bytes = Self.npyBytes(descr: "<f8", shape: "(1,)", payload: Array(repeating: 0, count: 8))
        #expect(throws: RuntimeError.unsupportedNPY(path: "d.npy", reason: "dtype '<f8' (vggc reads <f4, |i1, |u1, <i4, <i8, |b1)")) {
            try NPYFile.decode(Data(bytes), path: "d.npy")
        }
    }

    @Test func everyTruncationPrefixFailsCleanly() {
        let bytes = Self.numpyFloat32Row
        for length in 0..<bytes.count {
            #expect(throws: RuntimeError.self) { try NPYFile.decode(Data(bytes.prefix(length)), path: "p.npy") }
        }
    }
}
