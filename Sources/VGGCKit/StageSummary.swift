/// One stage a compile ran, with the size of what it left: graph nodes, quantized layers or
/// scheduled layers.
public struct StageSummary: Hashable, Sendable, Encodable {
    public var name: String
    public var nodes: Int

    public init(name: String, nodes: Int) {
        self.name = name
        self.nodes = nodes
    }
}
