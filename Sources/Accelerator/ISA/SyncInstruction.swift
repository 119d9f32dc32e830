/// `SYNC`: does no work on `unit`; only its dependency tokens act. The compiler uses it where one
/// step must pop or push more tokens than its instructions carry, and at layer boundaries.
public struct SyncInstruction: Hashable, Sendable, Codable {
    /// 4 bits.
    public var dependencies: DependencyFlags
    /// 16 bits.
    public var layer: Int
    /// 2 bits.
    public var unit: ExecutionUnit

    public init(dependencies: DependencyFlags, layer: Int, unit: ExecutionUnit) {
        self.dependencies = dependencies
        self.layer = layer
        self.unit = unit
    }
}
