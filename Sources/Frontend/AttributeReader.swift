/// Typed access to the attributes of one ONNX node. Reading an attribute with the wrong type is an
/// `UnsupportedFeature`, as is a value outside what the caller accepts. Integers must lie within
/// ±`integerLimit`, so that no later shape arithmetic can overflow on a hostile file.
struct AttributeReader {
    /// The largest magnitude an integer attribute or constant operand may have.
    static let integerLimit = Int(Int32.max)

    private let attributes: [String: Onnx_AttributeProto]

    init(_ node: Onnx_NodeProto) {
        attributes = Dictionary(node.attribute.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// True when the node sets the attribute.
    func contains(_ name: String) -> Bool { attributes[name] != nil }

    func int(_ name: String) throws -> Int? {
        try attribute(name, .int).map { try Self.bounded(Int($0.i), name) }
    }

    func int(_ name: String, default value: Int) throws -> Int {
        try int(name) ?? value
    }

    func float(_ name: String) throws -> Float? {
        try attribute(name, .float).map(\.f)
    }

    func float(_ name: String, default value: Float) throws -> Float {
        try float(name) ?? value
    }

    func ints(_ name: String) throws -> [Int]? {
        try attribute(name, .ints).map { try $0.ints.map { try Self.bounded(Int($0), name) } }
    }

    /// The ints of attribute `name` clamped to ±`integerLimit`, for bounds where ONNX clamps
    /// anyway (Slice's `starts` and `ends`, which exporters set to ±2^63 − 1 for "to the end").
    func clampedInts(_ name: String) throws -> [Int]? {
        try attribute(name, .ints).map { $0.ints.map(Self.clamped) }
    }

    /// `value` clamped to ±`integerLimit`.
    static func clamped(_ value: Int64) -> Int {
        Int(min(max(value, -Int64(integerLimit)), Int64(integerLimit)))
    }

    /// `value` after checking it lies within ±`integerLimit`; `name` names the attribute or operand
    /// in the error.
    static func bounded(_ value: Int, _ name: String) throws -> Int {
        guard (-integerLimit...integerLimit).contains(value) else {
            throw UnsupportedFeature("'\(name)' holds \(value), beyond the supported magnitude \(integerLimit)")
        }
        return value
    }

    func floats(_ name: String) throws -> [Float]? {
        try attribute(name, .floats).map(\.floats)
    }

    /// A string attribute, decoded as UTF-8.
    func string(_ name: String) throws -> String? {
        try attribute(name, .string).map { String(decoding: $0.s, as: UTF8.self) }
    }

    func tensor(_ name: String) throws -> Onnx_TensorProto? {
        try attribute(name, .tensor).map(\.t)
    }

    /// A boolean flag stored as an int attribute; anything but 0 or 1 is unsupported.
    func flag(_ name: String, default value: Bool) throws -> Bool {
        guard let number = try int(name) else { return value }
        guard number == 0 || number == 1 else {
            throw UnsupportedFeature("attribute '\(name)' is \(number), expected 0 or 1")
        }
        return number == 1
    }

    /// The attribute `name` if present, after checking it has `type`. Attributes written without a
    /// type (very old exporters) are taken as having the requested one.
    private func attribute(_ name: String, _ type: Onnx_AttributeProto.AttributeType) throws -> Onnx_AttributeProto? {
        guard let attribute = attributes[name] else { return nil }
        guard attribute.type == type || attribute.type == .undefined else {
            throw UnsupportedFeature("attribute '\(name)' has type \(String(describing: attribute.type).uppercased()), expected \(String(describing: type).uppercased())")
        }
        return attribute
    }
}
