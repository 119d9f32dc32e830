import Accelerator
@testable import Exploration
import Resources
import Testing

@Suite struct DesignSpaceTests {
    static let space = DesignSpace(po: [4, 8, 16], pi: [2, 4, 8], pk: [1, 9], pp: [1, 2], inputBytes: DesignSpace.kibibytes([8, 64]),
                                   weightBytes: DesignSpace.kibibytes([8, 64]), accumulatorBytes: DesignSpace.kibibytes([4, 16]),
                                   outputBytes: DesignSpace.kibibytes([4, 16]), smallestArrayShare: 4, smallestMemoryShare: 4)

    /// Every config the groups hold, against a plain enumeration of the sweep filtered by the
    /// resource model: the same set, each within the part and the budget, each group one array and
    /// one DRAM interface, by block RAMs.
    @Test func groupsHoldExactlyTheConfigsWithinTheBudget() throws {
        let part = try FPGAPart.named("xc7z020")
        let budget = ResourceBudget(dsp: 200, bram36: 60)
        let groups = try Self.expectGroupsHoldTheEnumeratedConfigs(space: Self.space, part: part, budget: budget)
        for group in groups {
            #expect(zip(group.members, group.members.dropFirst()).allSatisfy { $0.resources.bram36 <= $1.resources.bram36 })
        }
    }

    /// With a block-RAM budget that binds before the DSP blocks, LUTs and flip-flops, an array
    /// whose smallest buffers take half the block RAMs uses the part, though it uses less than half
    /// of every other resource.
    @Test func arraysUseThePartByTheirLargestShareWhenBlockRAMBinds() throws {
        let part = try FPGAPart.named("xc7z045")
        let space = DesignSpace(po: [4, 8], pi: [4, 8], pk: [1], pp: [1], inputBytes: DesignSpace.kibibytes([64, 128]),
                                weightBytes: DesignSpace.kibibytes([64, 128]), accumulatorBytes: DesignSpace.kibibytes([16]),
                                outputBytes: DesignSpace.kibibytes([32]), smallestArrayShare: 2, smallestMemoryShare: 2)
        let budget = ResourceBudget(bram36: 80)
        let groups = try Self.expectGroupsHoldTheEnumeratedConfigs(space: space, part: part, budget: budget)
        let onlyBlockRAMBinds = groups.flatMap(\.members).filter { member in
            let r = member.resources
            return r.dsp * 2 < part.dspBlocks && r.lut * 2 < part.luts && r.ff * 2 < part.flipFlops && r.bram36 * 2 >= 80
        }
        #expect(!onlyBlockRAMBinds.isEmpty)
    }

    /// Expects `space.groups` on `part` within `budget` to hold exactly the configs of a plain
    /// enumeration that fit, whose array on the smallest buffers uses at least `1 / smallestArrayShare`
    /// of the DSP limit, the block-RAM limit, the part's LUTs or its flip-flops, and that use at
    /// least `1 / smallestMemoryShare` of the block-RAM limit; returns the groups.
    static func expectGroupsHoldTheEnumeratedConfigs(space: DesignSpace, part: FPGAPart, budget: ResourceBudget) throws -> [ConfigGroup] {
        let platform = try PartPlatform.platform(for: part)
        let base = platform.baselineConfig
        let drams = platform.dramChoices(clockMHz: 100)
        let groups = space.groups(base: base, arithmetic: .standard, clockMHz: 100, drams: drams, part: part, budget: budget,
                                  model: .standard)
        let dspLimit = min(budget.dsp ?? part.dspBlocks, part.dspBlocks), bramLimit = min(budget.bram36 ?? part.memoryBlocks, part.memoryBlocks)
        func config(_ array: PEArray, _ sizes: [Int], _ dram: DRAMInterface) -> HardwareConfig {
            var config = base
            config.array = array
            config.buffers = zip(SRAMBuffer.Role.allCases, sizes).map { SRAMBuffer(role: $0, bytes: $1) }
            config.dram = dram
            return config
        }
        var expected: Set<String> = []
        for po in space.po { for pi in space.pi { for pk in space.pk { for pp in space.pp {
            let array = PEArray(po: po, pi: pi, pk: pk, pp: pp)
            let smallestSizes = [space.inputBytes.min()!, space.weightBytes.min()!, space.accumulatorBytes.min()!, space.outputBytes.min()!]
            let smallest = ResourceModel.standard.estimate(config(array, smallestSizes, drams[0]), on: part)
            let shares = [Double(smallest.dsp) / Double(dspLimit), Double(smallest.bram36) / Double(bramLimit),
                          Double(smallest.lut) / Double(part.luts), Double(smallest.ff) / Double(part.flipFlops)]
            guard smallest.dsp <= dspLimit, shares.max()! * Double(space.smallestArrayShare) >= 1 else { continue }
            for input in space.inputBytes { for weight in space.weightBytes { for accumulator in space.accumulatorBytes {
                for output in space.outputBytes { for dram in drams {
                    let estimate = ResourceModel.standard.estimate(config(array, [input, weight, accumulator, output], dram), on: part)
                    guard estimate.dsp <= dspLimit, estimate.bram36 <= bramLimit, estimate.bram36 * space.smallestMemoryShare >= bramLimit,
                          estimate.fits(part) else { continue }
                    expected.insert("\(po) \(pi) \(pk) \(pp) \(input) \(weight) \(accumulator) \(output) \(dram.bytesPerCycle)")
                } }
            } } }
        } } } }
        let members = groups.flatMap { group in group.members.map { (group, $0) } }
        let found = members.map { group, member -> String in
            let c = member.config
            #expect(c.array == group.array && c.dram == group.dram && c.clockMHz == 100)
            #expect(member.resources == ResourceModel.standard.estimate(c, on: part))
            return "\(c.array.po) \(c.array.pi) \(c.array.pk) \(c.array.pp) " + c.buffers.map { "\($0.bytes)" }.joined(separator: " ")
                + " \(c.dram.bytesPerCycle)"
        }
        #expect(!expected.isEmpty)
        #expect(Set(found) == expected && found.count == expected.count)
        return groups
    }

    @Test func configNamesSayTheirChoicesAndValidate() throws {
        let part = try FPGAPart.named("xc7z045")
        let config = DesignSpace.config(
            base: .preset(named: "zc706")!, arithmetic: .standard, array: PEArray(po: 32, pi: 24, pk: 1, pp: 1), clockMHz: 150,
            buffers: [SRAMBuffer(role: .input, bytes: 512 * 1024), SRAMBuffer(role: .weight, bytes: 1024 * 1024),
                      SRAMBuffer(role: .accumulator, bytes: 128 * 1024), SRAMBuffer(role: .output, bytes: 256 * 1024)],
            dram: DRAMInterface(bytesPerCycle: 28, latencyCycles: 120, busWidthBits: 64), part: part)
        #expect(config.name == "e32x24x1x1-i512k-w1024k-a128k-o256k-d28")
        try config.validate()
    }
}
