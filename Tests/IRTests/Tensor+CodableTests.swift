import Foundation
import Testing
@testable import IR

@Suite struct TensorCodableTests {
    @Test(arguments: [
        TensorData.float32([0, -1.5, .infinity, 3e-38, -0.0, 7]), .int8([-128, -1, 0, 1, 2, 127]),
        .uint8([0, 1, 2, 3, 254, 255]), .int32([Int32.min, -1, 0, 1, 2, Int32.max]),
        .int64([Int64.min, -1, 0, 1, 2, Int64.max]), .bool([true, false, false, true, true, false]),
    ])
    func roundTripsThroughJSON(data: TensorData) throws {
        let tensor = Tensor(shape: [2, 3], data: data)
        let json = try JSONEncoder().encode(tensor)
        #expect(try JSONDecoder().decode(Tensor.self, from: json) == tensor)
    }

    /// The data field is the little-endian element bytes in base64, which tools outside Swift read.
    @Test func encodesLittleEndianBase64() throws {
        let tensor = Tensor(shape: [2], data: .int32([1, -2]))
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(tensor)) as? [String: Any]
        #expect(object?["type"] as? String == "i32")
        #expect(object?["shape"] as? [Int] == [2])
        #expect(object?["data"] as? String == Data([1, 0, 0, 0, 0xFE, 0xFF, 0xFF, 0xFF]).base64EncodedString())
    }

    @Test func rejectsDataOfTheWrongLength() {
        let json = #"{"type":"f32","shape":[3],"data":"AAAAAA=="}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Tensor.self, from: Data(json.utf8)) }
    }

    @Test func rejectsUnknownTypes() {
        let json = #"{"type":"f64","shape":[1],"data":"AAAAAAAAAAA="}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Tensor.self, from: Data(json.utf8)) }
    }
}
