/// The dataflow graph IR: typed tensor ops in topological order over named values.
///
/// A value is produced exactly once: by a graph input, an initializer or a node output. `types`
/// holds the static type of every value and is kept up to date by shape inference after each pass.
public struct Graph: Hashable, Sendable {
    public var name: String
    /// Runtime inputs (initializers are not listed here).
    public var inputs: [ValueInfo]
    /// Names of the values the graph returns, in order.
    public var outputs: [String]
    /// Constant tensors: weights, biases and folded constants, keyed by value name.
    public var initializers: [String: Tensor]
    /// Operations in topological order.
    public var nodes: [Node]
    /// Static type of every value, keyed by value name.
    public var types: [String: TensorType]

    public init(name: String, inputs: [ValueInfo], outputs: [String], initializers: [String: Tensor],
                nodes: [Node], types: [String: TensorType] = [:]) {
        self.name = name
        self.inputs = inputs
        self.outputs = outputs
        self.initializers = initializers
        self.nodes = nodes
        self.types = types
    }

    /// Initializer names in sorted order: the deterministic iteration order for printing and
    /// emitting.
    public var sortedInitializerNames: [String] { initializers.keys.sorted() }

    /// The static type of a value, if known.
    public func type(of value: String) -> TensorType? { types[value] }
}
