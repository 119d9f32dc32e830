/// The value of an ONNX node attribute that `ONNXModelBuilder` writes.
public enum ONNXAttributeValue: Hashable, Sendable {
    case int(Int)
    case ints([Int])
    case float(Float)
    case string(String)
}
