/// An ONNX node with the unique name vggc gives it and its position in the file.
struct ONNXNode: Sendable {
    /// The ONNX name, or `<op_type>_<index>` when it has none; made unique by a numeric suffix.
    var name: String
    /// Position in the model file's node list.
    var index: Int
    var proto: Onnx_NodeProto

    /// True when the node belongs to the default operator domain (`""` or `ai.onnx`).
    var isDefaultDomain: Bool { proto.domain.isEmpty || proto.domain == "ai.onnx" }

    /// The operator type as reports show it: `Conv`, or `domain:Type` outside the default domain.
    var qualifiedOpType: String { isDefaultDomain ? proto.opType : proto.domain + ":" + proto.opType }

    /// Input names with trailing omitted (empty) inputs removed.
    var presentInputs: [String] { Self.trimmingTrailingEmpty(proto.input) }

    /// Output names with trailing unused (empty) outputs removed.
    var presentOutputs: [String] { Self.trimmingTrailingEmpty(proto.output) }

    /// Names every node uniquely and deterministically, in file order.
    static func named(_ protos: [Onnx_NodeProto]) -> [ONNXNode] {
        var used = Set<String>()
        return protos.enumerated().map { index, proto in
            let base = proto.name.isEmpty ? "\(proto.opType)_\(index)" : proto.name
            var name = base
            var suffix = 1
            while used.contains(name) {
                name = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(name)
            return ONNXNode(name: name, index: index, proto: proto)
        }
    }

    private static func trimmingTrailingEmpty(_ names: [String]) -> [String] {
        var trimmed = names
        while trimmed.last?.isEmpty == true { trimmed.removeLast() }
        return trimmed
    }
}
