/// The static type of a value in the graph: element type plus shape.
public struct TensorType: Hashable, Sendable, CustomStringConvertible {
    public var elementType: DataType
    public var shape: Shape

    public init(_ elementType: DataType, _ shape: Shape) {
        self.elementType = elementType
        self.shape = shape
    }

    /// Bytes the tensor occupies when stored densely.
    public var byteCount: Int { shape.elementCount * elementType.byteWidth }

    /// Printed as `f32[1,3,224,224]`.
    public var description: String { "\(elementType)\(shape)" }
}
