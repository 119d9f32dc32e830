/// How ONNX `Pad` fills the border.
public enum PadMode: String, Hashable, Sendable {
    case constant
    case reflect
    case edge
}
