import Foundation
import IR

/// Turns ONNX `TensorProto`s into vggc tensors, reading `raw_data`, the typed element fields or
/// external data. Every size is checked against the dims before any element is copied, so a
/// malformed tensor is an error, never a crash. Raw bytes are read as little-endian, the byte order
/// ONNX prescribes and every host vggc runs on.
struct TensorProtoDecoder: Sendable {
    let externalData: ExternalDataStore
    /// The model file whose mapping `raw_data` may read (`MappedModelDecoder`): the pages a tensor
    /// is read from are dropped as its elements are copied out (`MappedFile.copy`).
    var mappedFile: MappedFile? = nil

    /// Checks that `proto` (called `name` in errors) has valid dims and holds exactly the bytes or
    /// elements they need. Tensors of types vggc does not support only get their dims checked.
    func validate(_ proto: Onnx_TensorProto, name: String) throws {
        let shape = try Self.shape(of: proto, name: name)
        guard let type = ONNXElementType.dataType(proto.dataType) else { return }
        _ = try storage(of: proto, name: name, type: type, elementCount: shape.elementCount)
    }

    /// The tensor `proto` holds. Throws `FrontendError.unsupportedTensorType` for element types
    /// vggc has no representation for.
    func decode(_ proto: Onnx_TensorProto, name: String) throws -> Tensor {
        let shape = try Self.shape(of: proto, name: name)
        guard let type = ONNXElementType.dataType(proto.dataType) else {
            throw FrontendError.unsupportedTensorType(tensor: name, type: ONNXElementType.name(proto.dataType))
        }
        let count = shape.elementCount
        switch try storage(of: proto, name: name, type: type, elementCount: count) {
        case .rawData(let bytes):
            return Tensor(shape: shape, data: try Self.elements(type: type, count: count) { destination in
                if let mappedFile { mappedFile.copy(bytes, into: destination) } else { bytes.copyBytes(to: destination) }
            })
        case .external(let reference):
            return Tensor(shape: shape, data: try Self.elements(type: type, count: count) {
                try externalData.read(reference, tensor: name, into: $0)
            })
        case .typedFields:
            return Tensor(shape: shape, data: Self.elements(typedFieldsOf: proto, type: type))
        }
    }

    /// The shape of `proto`: every dim non-negative and the element count (in bytes, too) within
    /// `Int`.
    static func shape(of proto: Onnx_TensorProto, name: String) throws -> Shape {
        var widestByteCount = 8
        for dim in proto.dims {
            guard dim >= 0 else {
                throw FrontendError.invalidTensor(tensor: name, detail: "dims \(proto.dims) contain a negative extent")
            }
            let (product, overflow) = widestByteCount.multipliedReportingOverflow(by: Int(dim))
            guard !overflow else {
                throw FrontendError.invalidTensor(tensor: name, detail: "dims \(proto.dims) hold more elements than can be addressed")
            }
            widestByteCount = product
        }
        return Shape(proto.dims.map { Int($0) })
    }

    private enum Storage {
        case rawData(Data)
        case external(ExternalReference)
        case typedFields
    }

    /// Where the elements of `proto` are stored, after checking that the store holds exactly
    /// `elementCount` elements of `type`.
    private func storage(of proto: Onnx_TensorProto, name: String, type: DataType, elementCount: Int) throws -> Storage {
        if proto.hasSegment {
            throw FrontendError.invalidTensor(tensor: name, detail: "segmented tensors are not supported")
        }
        let expectedBytes = elementCount * type.byteWidth
        let storage: Storage
        let actualBytes: Int
        if proto.dataLocation == .external {
            let reference = try ExternalReference(proto, name: name)
            storage = .external(reference)
            actualBytes = try externalData.byteCount(reference, tensor: name)
        } else if proto.hasRawData {
            storage = .rawData(proto.rawData)
            actualBytes = proto.rawData.count
        } else {
            let actual = Self.typedFieldCount(of: proto, type: type)
            guard actual == elementCount else {
                throw FrontendError.tensorElementCountMismatch(tensor: name, expected: elementCount, actual: actual)
            }
            return .typedFields
        }
        guard actualBytes == expectedBytes else {
            throw FrontendError.tensorByteCountMismatch(tensor: name, expected: expectedBytes, actual: actualBytes)
        }
        return storage
    }

    /// Number of elements in the typed field ONNX uses for `type`.
    private static func typedFieldCount(of proto: Onnx_TensorProto, type: DataType) -> Int {
        switch type {
        case .float32: return proto.floatData.count
        case .int8, .uint8, .int32, .bool: return proto.int32Data.count
        case .int64: return proto.int64Data.count
        }
    }

    private static func elements(typedFieldsOf proto: Onnx_TensorProto, type: DataType) -> TensorData {
        switch type {
        case .float32: return .float32(proto.floatData)
        case .int8: return .int8(proto.int32Data.map { Int8(truncatingIfNeeded: $0) })
        case .uint8: return .uint8(proto.int32Data.map { UInt8(truncatingIfNeeded: $0) })
        case .int32: return .int32(proto.int32Data)
        case .bool: return .bool(proto.int32Data.map { $0 != 0 })
        case .int64: return .int64(proto.int64Data)
        }
    }

    /// `count` little-endian elements of `type`, written into the array's storage by `fill`, which
    /// receives exactly the array's bytes (sizes were checked against the dims).
    private static func elements(type: DataType, count: Int,
                                 fill: (UnsafeMutableRawBufferPointer) throws -> Void) throws -> TensorData {
        switch type {
        case .float32: return .float32(try filled(Float.self, count: count, fill))
        case .int8: return .int8(try filled(Int8.self, count: count, fill))
        case .uint8: return .uint8(try filled(UInt8.self, count: count, fill))
        case .int32: return .int32(try filled(Int32.self, count: count, fill))
        case .int64: return .int64(try filled(Int64.self, count: count, fill))
        case .bool: return .bool(try filled(UInt8.self, count: count, fill).map { $0 != 0 })
        }
    }

    private static func filled<Element>(_: Element.Type, count: Int,
                                        _ fill: (UnsafeMutableRawBufferPointer) throws -> Void) throws -> [Element] {
        try [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            try fill(UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }
}
