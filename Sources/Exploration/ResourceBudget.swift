import Resources

/// Limits on DSP blocks and block RAMs below the part's own (`--budget dsp=N,bram36=N`).
public struct ResourceBudget: Hashable, Sendable, Codable {
    /// The most DSP blocks a config may use; `nil`: the part's.
    public var dsp: Int?
    /// The most block RAMs a config may use; `nil`: the part's.
    public var bram36: Int?

    public init(dsp: Int? = nil, bram36: Int? = nil) {
        self.dsp = dsp
        self.bram36 = bram36
    }

    /// Parses `dsp=N,bram36=N` (either or both, any order). Throws `ExplorationError.invalidBudget`.
    public init(text: String) throws {
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let parts = item.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, let value = Int(parts[1]), value >= 0 else {
                throw ExplorationError.invalidBudget(text: text, reason: "'\(item)' is not NAME=N with N a whole number")
            }
            switch parts[0] {
            case "dsp": dsp = value
            case "bram36": bram36 = value
            default: throw ExplorationError.invalidBudget(text: text, reason: "unknown resource '\(parts[0])'")
            }
        }
    }

    /// The DSP blocks a config may use on `part`.
    public func dspLimit(on part: FPGAPart) -> Int { min(dsp ?? part.dspBlocks, part.dspBlocks) }

    /// The block RAMs a config may use on `part`.
    public func bram36Limit(on part: FPGAPart) -> Int { min(bram36 ?? part.memoryBlocks, part.memoryBlocks) }

    /// Whether `estimate` uses at least `1 / share` of some resource `part` has, within this budget:
    /// DSP blocks or block RAMs (of the budget's limits), LUTs or flip-flops (of the part's). The
    /// largest share decides, so a config counts as using the part whichever resource binds.
    public func usesLargestShare(_ estimate: ResourceEstimate, atLeastOneIn share: Int, on part: FPGAPart) -> Bool {
        estimate.dsp * share >= dspLimit(on: part) || estimate.bram36 * share >= bram36Limit(on: part)
            || estimate.lut * share >= part.luts || estimate.ff * share >= part.flipFlops
    }

    /// Whether `estimate` fits `part` and this budget.
    public func admits(_ estimate: ResourceEstimate, on part: FPGAPart) -> Bool {
        estimate.fits(part) && estimate.fits(dspBudget: dsp, bram36Budget: bram36)
    }
}
