import Accelerator
import Quantization
import Resources

/// The configs a sweep considers: every PE array split `Po × Pi × Pk × Pp` of the listed sizes,
/// every combination of the listed buffer sizes, and every DRAM interface the board allows, at one
/// clock. Configs whose array, on the smallest buffers, uses less than `1 / smallestArrayShare` of
/// every resource the part has (DSP blocks and block RAMs of the budget's limits, LUTs and
/// flip-flops; the largest share decides, whichever binds: the reference RTL's MACs cost LUTs for
/// their buffer ports as well as DSPs, and a small block-RAM budget binds before either), or fewer
/// block RAMs than `1 / smallestMemoryShare` of the limit, are left out (most of the part idle is
/// not a design anyone builds), as is every config that exceeds the part or the budget by
/// `ResourceModel`.
public struct DesignSpace: Codable, Hashable, Sendable {
    /// Candidate sizes of each PE array dimension.
    public var po: [Int]
    public var pi: [Int]
    public var pk: [Int]
    public var pp: [Int]
    /// Candidate sizes of each buffer, in bytes.
    public var inputBytes: [Int]
    public var weightBytes: [Int]
    public var accumulatorBytes: [Int]
    public var outputBytes: [Int]
    /// Configs' arrays, on the smallest buffers, use at least `1 / smallestArrayShare` of some
    /// resource: the DSP or block-RAM limit, or the part's LUTs or flip-flops.
    public var smallestArrayShare: Int
    /// Configs use at least `1 / smallestMemoryShare` of the block-RAM limit.
    public var smallestMemoryShare: Int

    public init(po: [Int], pi: [Int], pk: [Int], pp: [Int], inputBytes: [Int], weightBytes: [Int], accumulatorBytes: [Int],
                outputBytes: [Int], smallestArrayShare: Int, smallestMemoryShare: Int) {
        self.po = po
        self.pi = pi
        self.pk = pk
        self.pp = pp
        self.inputBytes = inputBytes
        self.weightBytes = weightBytes
        self.accumulatorBytes = accumulatorBytes
        self.outputBytes = outputBytes
        self.smallestArrayShare = smallestArrayShare
        self.smallestMemoryShare = smallestMemoryShare
    }

    /// `vggc explore`'s sweep: 105 array splits, the input and weight buffers in powers of two from
    /// 32 KiB to 2 MiB, three accumulator and three output sizes; at least half the DSP blocks and
    /// half the block RAMs used. `Pi = 3` fits a first layer of three input channels; `Pk = 9` and
    /// `Pp` up to 14 are the window and pixel units of the capstone's design; `Pk = 3` (a 3×3
    /// window's row) reduces over taps with a third of the waste on 1×1 and fully-connected layers,
    /// so that arrays of few post-processing lanes reach the MACs of the wide splits.
    public static let standard = DesignSpace(
        po: [8, 16, 32, 48, 64, 96, 128], pi: [3, 4, 8, 16, 24, 32, 64], pk: [1, 3, 9], pp: [1, 2, 4, 7, 14],
        inputBytes: kibibytes([32, 64, 128, 256, 512, 1024, 2048]), weightBytes: kibibytes([32, 64, 128, 256, 512, 1024, 2048]),
        accumulatorBytes: kibibytes([16, 64, 256]), outputBytes: kibibytes([32, 128, 512]), smallestArrayShare: 2,
        smallestMemoryShare: 2)

    /// Sizes in KiB as bytes.
    public static func kibibytes(_ sizes: [Int]) -> [Int] { sizes.map { $0 * 1024 } }

    /// The swept configs that fit, grouped by PE array and DRAM interface (the configs of a group
    /// share their tile-search tables), each group's configs by block RAMs, then buffer sizes. A
    /// config's resources include its DRAM ports' logic, so a group's members depend on its DRAM.
    func groups(base: HardwareConfig, arithmetic: ArithmeticMode, clockMHz: Double, drams: [DRAMInterface], part: FPGAPart,
                budget: ResourceBudget, model: ResourceModel) -> [ConfigGroup] {
        let dspLimit = budget.dspLimit(on: part), bramLimit = budget.bram36Limit(on: part)
        let choices = bufferChoices()
        guard let firstDRAM = drams.first, let firstBuffers = choices.first else { return [] }
        var groups: [ConfigGroup] = []
        for array in arrays() {
            let make = { (buffers: [SRAMBuffer], dram: DRAMInterface) in
                Self.config(base: base, arithmetic: arithmetic, array: array, clockMHz: clockMHz, buffers: buffers, dram: dram, part: part)
            }
            let smallest = model.estimate(make(firstBuffers, firstDRAM), on: part)
            guard smallest.dsp <= dspLimit, budget.usesLargestShare(smallest, atLeastOneIn: smallestArrayShare, on: part) else { continue }
            for dram in drams {
                let members = choices.compactMap { buffers -> ConfigGroup.Member? in
                    let config = make(buffers, dram)
                    let resources = model.estimate(config, on: part)
                    let used = budget.admits(resources, on: part) && resources.bram36 * smallestMemoryShare >= bramLimit
                    return used ? ConfigGroup.Member(config: config, resources: resources) : nil
                }.sorted { a, b in
                    a.resources.bram36 != b.resources.bram36 ? a.resources.bram36 < b.resources.bram36
                        : a.config.buffers.map(\.bytes).lexicographicallyPrecedes(b.config.buffers.map(\.bytes))
                }
                if !members.isEmpty { groups.append(ConfigGroup(array: array, dram: dram, members: members)) }
            }
        }
        return groups
    }

    private func arrays() -> [PEArray] {
        po.flatMap { po in pi.flatMap { pi in pk.flatMap { pk in pp.map { pp in PEArray(po: po, pi: pi, pk: pk, pp: pp) } } } }
    }

    private func bufferChoices() -> [[SRAMBuffer]] {
        inputBytes.flatMap { input in weightBytes.flatMap { weight in accumulatorBytes.flatMap { accumulator in outputBytes.map { output in
            [SRAMBuffer(role: .input, bytes: input), SRAMBuffer(role: .weight, bytes: weight),
             SRAMBuffer(role: .accumulator, bytes: accumulator), SRAMBuffer(role: .output, bytes: output)]
        } } } }
    }

    /// A swept config: the array, buffers, clock and DRAM chosen, the rest from `base`, in the
    /// graph's arithmetic, named after its choices (`e32x24x1x1-i512k-w1024k-a128k-o256k-d28`).
    static func config(base: HardwareConfig, arithmetic: ArithmeticMode, array: PEArray, clockMHz: Double, buffers: [SRAMBuffer],
                       dram: DRAMInterface, part: FPGAPart) -> HardwareConfig {
        let sizes = buffers.map { "\($0.role.rawValue.prefix(1))\($0.bytes / 1024)k" }.joined(separator: "-")
        let bandwidth = dram.bytesPerCycle == dram.bytesPerCycle.rounded() ? "\(Int(dram.bytesPerCycle))" : "\(dram.bytesPerCycle)"
        let name = "e\(array.po)x\(array.pi)x\(array.pk)x\(array.pp)-\(sizes)-d\(bandwidth)"
        return HardwareConfig(
            name: name, source: "vggc explore for \(part.name) at \(clockMHz) MHz; costs, DRAM latency and energy from preset \(base.name)",
            array: array, clockMHz: clockMHz, buffers: buffers, dram: dram, costs: base.costs, energy: base.energy,
            features: Features(lutActivations: base.features.lutActivations, arithmetic: arithmetic))
    }
}

/// The configs of a sweep that share a PE array and DRAM interface.
struct ConfigGroup: Hashable, Sendable {
    struct Member: Hashable, Sendable {
        var config: HardwareConfig
        var resources: ResourceEstimate
    }

    var array: PEArray
    var dram: DRAMInterface
    var members: [Member]

    /// The largest buffer of each role among the members (what the group's tile-search memo is made for).
    var largestBuffers: [SRAMBuffer] {
        SRAMBuffer.Role.allCases.map { role in
            SRAMBuffer(role: role, bytes: members.compactMap { $0.config.buffer(role)?.bytes }.max() ?? 0)
        }
    }
}
