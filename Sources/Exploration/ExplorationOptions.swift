import Resources

/// What a sweep explores: the part and its board, the clock, the budget, the objective the best
/// config is picked by, the configs considered and the resource model that sizes them.
public struct ExplorationOptions: Hashable, Sendable {
    public var part: FPGAPart
    public var platform: PartPlatform
    /// `nil`: the board's typical clock.
    public var clockMHz: Double?
    public var budget: ResourceBudget
    public var objective: Objective
    public var space: DesignSpace
    public var resourceModel: ResourceModel

    /// Options for `part` with its board, the typical clock, no budget beyond the part, the
    /// latency objective and the standard sweep, unless given otherwise. Throws
    /// `ExplorationError.noPlatform` for a part without a known board and `invalidClock`.
    public init(part: FPGAPart, clockMHz: Double? = nil, budget: ResourceBudget = ResourceBudget(), objective: Objective = .latency,
                space: DesignSpace = .standard, resourceModel: ResourceModel = .standard) throws {
        if let clockMHz, !(clockMHz > 0 && clockMHz <= 100_000) { throw ExplorationError.invalidClock(clockMHz) }
        self.part = part
        platform = try PartPlatform.platform(for: part)
        self.clockMHz = clockMHz
        self.budget = budget
        self.objective = objective
        self.space = space
        self.resourceModel = resourceModel
    }

    /// The clock every swept config runs at.
    public var clock: Double { clockMHz ?? platform.typicalClockMHz }
}
