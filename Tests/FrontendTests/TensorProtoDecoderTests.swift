import Foundation
import IR
import Testing
@testable import Frontend

/// Decoding every supported element type from `raw_data` and from the typed fields, following the
/// field mapping of ONNX's `TensorProto` documentation.
@Suite struct TensorProtoDecoderTests {
    typealias F = ONNXFixtures

    private let decoder = TensorProtoDecoder(externalData: ExternalDataStore(directory: URL(fileURLWithPath: "/")))

    private func tensor(_ type: Onnx_TensorProto.DataType, dims: [Int64], raw: [UInt8]? = nil,
                        int32s: [Int32] = [], int64s: [Int64] = []) -> Onnx_TensorProto {
        var tensor = Onnx_TensorProto()
        tensor.dataType = Int32(type.rawValue)
        tensor.dims = dims
        if let raw { tensor.rawData = Data(raw) }
        tensor.int32Data = int32s
        tensor.int64Data = int64s
        return tensor
    }

    @Test func rawData() throws {
        #expect(try decoder.decode(F.rawFloatTensor("f", [2], [1.5, -2]), name: "f") == Tensor(shape: [2], floats: [1.5, -2]))
        #expect(try decoder.decode(tensor(.int8, dims: [3], raw: [0xFF, 0x01, 0x80]), name: "t")
                == Tensor(shape: [3], data: .int8([-1, 1, -128])))
        #expect(try decoder.decode(tensor(.uint8, dims: [2], raw: [0xFF, 0x07]), name: "t") == Tensor(shape: [2], data: .uint8([255, 7])))
        #expect(try decoder.decode(tensor(.int32, dims: [1], raw: [0xFE, 0xFF, 0xFF, 0xFF]), name: "t")
                == Tensor(shape: [1], data: .int32([-2])))
        #expect(try decoder.decode(tensor(.int64, dims: [], raw: [0x01, 0x02, 0, 0, 0, 0, 0, 0]), name: "t")
                == Tensor(shape: [], int64s: [0x0201]))
        #expect(try decoder.decode(tensor(.bool, dims: [3], raw: [0, 1, 2]), name: "t") == Tensor(shape: [3], data: .bool([false, true, true])))
    }

    @Test func typedFields() throws {
        #expect(try decoder.decode(tensor(.int8, dims: [2], int32s: [-3, 127]), name: "t") == Tensor(shape: [2], data: .int8([-3, 127])))
        #expect(try decoder.decode(tensor(.uint8, dims: [1], int32s: [200]), name: "t") == Tensor(shape: [1], data: .uint8([200])))
        #expect(try decoder.decode(tensor(.bool, dims: [2], int32s: [1, 0]), name: "t") == Tensor(shape: [2], data: .bool([true, false])))
        #expect(try decoder.decode(tensor(.int64, dims: [2, 1], int64s: [-1, 5]), name: "t") == Tensor(shape: [2, 1], int64s: [-1, 5]))
        #expect(try decoder.decode(F.floatTensor("f", [0, 3], []), name: "f") == Tensor(shape: [0, 3], floats: []))
    }

    @Test func unsupportedTypesAreErrorsOnDecodeButPassValidation() throws {
        var double = tensor(.double, dims: [1])
        double.doubleData = [1]
        #expect(throws: FrontendError.unsupportedTensorType(tensor: "d", type: "DOUBLE")) { try decoder.decode(double, name: "d") }
        try decoder.validate(double, name: "d")
    }

    @Test func mismatchedSizes() {
        #expect(throws: FrontendError.tensorByteCountMismatch(tensor: "t", expected: 8, actual: 3)) {
            try decoder.decode(tensor(.int64, dims: [1], raw: [1, 2, 3]), name: "t")
        }
        #expect(throws: FrontendError.tensorElementCountMismatch(tensor: "t", expected: 4, actual: 2)) {
            try decoder.decode(tensor(.int32, dims: [2, 2], int32s: [1, 2]), name: "t")
        }
    }
}
