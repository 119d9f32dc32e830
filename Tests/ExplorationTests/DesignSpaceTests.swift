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
        let platform = try PartPlatform.platform(for: part)
        let base = platform.baselineConfig
        let drams = platform.dramChoices(clockMHz: 100)
        let budget = ResourceBudget(dsp: 200, bram36: 60)
        let groups = Self.space.groups(base: base, arithmetic: .standard, clockMHz: 100, drams: drams, part: part, budget: budget,
                                       model: .standard)
        var expected: Set<String> = []
        for po in Self.space.po { for pi in Self.space.pi { for pk in Self.space.pk { for pp in Self.space.pp {
            for input in Self.space.inputBytes { for weight in Self.space.weightBytes { for accumulator in Self.space.accumulatorBytes {
                for output in Self.space.outputBytes { for dram in drams {
                    var config = base
                    config.array = PEArray(po: po, pi: pi, pk: pk, pp: pp)
                    config.buffers = [SRAMBuffer(role: .input, bytes: input), SRAMBuffer(role: .weight, bytes: weight),
                                      SRAMBuffer(role: .accumulator, bytes: accumulator), SRAMBuffer(role: .output, bytes: output)]
                    config.dram = dram
                    let estimate = ResourceModel.standard.estimate(config, on: part)
                    guard estimate.dsp <= 200, estimate.bram36 <= 60, estimate.dsp * 4 >= 200, estimate.bram36 * 4 >= 60, estimate.fits(part) else { continue }
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
        for group in groups {
            #expect(zip(group.members, group.members.dropFirst()).allSatisfy { $0.resources.bram36 <= $1.resources.bram36 })
        }
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
