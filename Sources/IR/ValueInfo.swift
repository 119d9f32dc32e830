/// A named, typed value at the boundary of the graph (an input or an output).
public struct ValueInfo: Hashable, Sendable {
    public var name: String
    public var type: TensorType

    public init(name: String, type: TensorType) {
        self.name = name
        self.type = type
    }
}
