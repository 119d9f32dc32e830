/// The four dependency-token bits every instruction carries (docs/ISA.md, "Dependency tokens").
/// Units form a chain load → compute → store; "previous" and "next" are the neighbours of the unit
/// that executes the instruction. A pop waits until the queue from that neighbour holds a token and
/// takes it before the instruction starts; a push adds a token to the queue toward that neighbour
/// when the instruction finishes. The load unit has no previous and the store unit no next
/// neighbour: those bits must be clear.
public struct DependencyFlags: Hashable, Sendable, Codable {
    /// Bit 0: wait for and take a token from the previous unit.
    public var popPrevious: Bool
    /// Bit 1: wait for and take a token from the next unit.
    public var popNext: Bool
    /// Bit 2: give a token to the previous unit when done.
    public var pushPrevious: Bool
    /// Bit 3: give a token to the next unit when done.
    public var pushNext: Bool

    public init(popPrevious: Bool = false, popNext: Bool = false, pushPrevious: Bool = false, pushNext: Bool = false) {
        self.popPrevious = popPrevious
        self.popNext = popNext
        self.pushPrevious = pushPrevious
        self.pushNext = pushNext
    }

    /// No tokens.
    public static let none = DependencyFlags()
}
