import Accelerator
@testable import Exploration
import IR
import Testing

@Suite struct ParetoFrontTests {
    /// Points with small integer objectives (many ties), named by index.
    static func points(count: Int, seed: UInt64) -> [DesignPoint] {
        var generator = SeededGenerator(seed: seed)
        let preset = HardwareConfig.preset(named: "vta")!
        return (0..<count).map { index in
            var config = preset
            config.name = "p\(index)"
            return DesignPoint(config: config, cycles: Int.random(in: 1...6, using: &generator) * 100,
                               energyUJ: Double(Int.random(in: 1...6, using: &generator)), convGOPS: 0, dsp: Int.random(in: 1...6, using: &generator),
                               bram36: Int.random(in: 1...6, using: &generator), lut: 1)
        }
    }

    /// The front by definition: the points no other point is at least as good as in all four
    /// objectives and better in one, and of those with the same four figures the first by name
    /// (the points here all have the same buffers).
    static func naiveFront(_ points: [DesignPoint]) -> Set<String> {
        let undominated = points.filter { p in
            !points.contains { q in
                q.latencyUs <= p.latencyUs && q.energyUJ <= p.energyUJ && q.dsp <= p.dsp && q.bram36 <= p.bram36
                    && (q.latencyUs < p.latencyUs || q.energyUJ < p.energyUJ || q.dsp < p.dsp || q.bram36 < p.bram36)
            }
        }
        let byFigures = Dictionary(grouping: undominated) { "\($0.latencyUs) \($0.energyUJ) \($0.dsp) \($0.bram36)" }
        return Set(byFigures.values.map { $0.map(\.config.name).min()! })
    }

    @Test(arguments: [1, 2, 3])
    func frontIsTheNonDominatedSetInAnyInsertionOrder(seed: UInt64) {
        let points = Self.points(count: 200, seed: seed)
        var forward = ParetoFront(), backward = ParetoFront()
        points.forEach { forward.insert($0) }
        points.reversed().forEach { backward.insert($0) }
        #expect(Set(forward.points.map(\.config.name)) == Self.naiveFront(points))
        #expect(forward.points == backward.points)
        #expect(zip(forward.points, forward.points.dropFirst()).allSatisfy { DesignPoint.precedes($0, $1) })
    }

    @Test func boundIsDominatedOnlyWhenSomeMemberBeatsItStrictlyInOne() {
        var front = ParetoFront()
        front.insert(Self.points(count: 1, seed: 9)[0])
        let member = front.points[0]
        let same = (member.latencyUs, member.energyUJ, member.dsp, member.bram36)
        #expect(!front.dominatesEverything(above: same))
        #expect(front.dominatesEverything(above: (same.0, same.1, same.2, same.3 + 1)))
        #expect(!front.dominatesEverything(above: (same.0 - 1, same.1 + 5, same.2 + 5, same.3 + 5)))
    }
}
