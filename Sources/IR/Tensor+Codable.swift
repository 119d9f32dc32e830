import Foundation

/// Tensors encode as `{"type": "i8", "shape": [..], "data": "<base64 of little-endian elements>"}`,
/// so that compiled graphs with millions of weights serialise compactly and deterministically.
extension Tensor: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, shape, data
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let typeName = try container.decode(String.self, forKey: .type)
        guard let type = DataType(rawValue: typeName) else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown element type '\(typeName)'")
        }
        let shape = Shape(try container.decode([Int].self, forKey: .shape))
        guard let bytes = Data(base64Encoded: try container.decode(String.self, forKey: .data)),
              let count = shape.checkedElementCount, bytes.count == count * type.byteWidth else {
            throw DecodingError.dataCorruptedError(forKey: .data, in: container, debugDescription: "data does not hold \(shape) elements of \(type)")
        }
        self.init(shape: shape, data: TensorData(littleEndian: bytes, as: type))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(data.elementType.rawValue, forKey: .type)
        try container.encode(shape.dims, forKey: .shape)
        try container.encode(data.littleEndianBytes.base64EncodedString(), forKey: .data)
    }
}

extension TensorData {
    /// The elements as little-endian bytes (bools as 0/1 bytes).
    public var littleEndianBytes: Data {
        switch self {
        case .float32(let values): return Self.bytes(of: values.map(\.bitPattern))
        case .int8(let values): return Data(values.map { UInt8(bitPattern: $0) })
        case .uint8(let values): return Data(values)
        case .int32(let values): return Self.bytes(of: values)
        case .int64(let values): return Self.bytes(of: values)
        case .bool(let values): return Data(values.map { $0 ? 1 : 0 })
        }
    }

    /// Decodes little-endian bytes as elements of `type`; `bytes.count` must be a multiple of the
    /// element width.
    public init(littleEndian bytes: Data, as type: DataType) {
        switch type {
        case .float32: self = .float32(Self.words(bytes, UInt32.self).map(Float.init(bitPattern:)))
        case .int8: self = .int8(bytes.map { Int8(bitPattern: $0) })
        case .uint8: self = .uint8([UInt8](bytes))
        case .int32: self = .int32(Self.words(bytes, Int32.self))
        case .int64: self = .int64(Self.words(bytes, Int64.self))
        case .bool: self = .bool(bytes.map { $0 != 0 })
        }
    }

    private static func bytes<Word: FixedWidthInteger>(of words: [Word]) -> Data {
        words.map(\.littleEndian).withUnsafeBufferPointer { Data(buffer: $0) }
    }

    private static func words<Word: FixedWidthInteger>(_ bytes: Data, _: Word.Type) -> [Word] {
        let count = bytes.count / MemoryLayout<Word>.size
        var words = [Word](repeating: 0, count: count)
        _ = words.withUnsafeMutableBytes { bytes.copyBytes(to: $0) }
        return words.map { Word(littleEndian: $0) }
    }
}
