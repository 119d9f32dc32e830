import IR

/// The ONNX `TensorProto.DataType` codes and how they map onto vggc's element types.
enum ONNXElementType {
    /// The vggc element type for an ONNX type code, or `nil` when vggc has none (float16, double,
    /// strings, …).
    static func dataType(_ code: Int32) -> DataType? {
        switch Onnx_TensorProto.DataType(rawValue: Int(code)) {
        case .float: return .float32
        case .int8: return .int8
        case .uint8: return .uint8
        case .int32: return .int32
        case .int64: return .int64
        case .bool: return .bool
        default: return nil
        }
    }

    /// The ONNX type code of a vggc element type.
    static func code(_ type: DataType) -> Int32 {
        let onnxType: Onnx_TensorProto.DataType
        switch type {
        case .float32: onnxType = .float
        case .int8: onnxType = .int8
        case .uint8: onnxType = .uint8
        case .int32: onnxType = .int32
        case .int64: onnxType = .int64
        case .bool: onnxType = .bool
        }
        return Int32(onnxType.rawValue)
    }

    /// The ONNX spelling of a type code for messages (`FLOAT16`), or the number when unknown.
    static func name(_ code: Int32) -> String {
        guard let known = Onnx_TensorProto.DataType(rawValue: Int(code)) else { return "type code \(code)" }
        return String(describing: known).uppercased()
    }
}
