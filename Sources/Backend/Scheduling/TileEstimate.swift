/// The analytic cost of one tiling, used to rank candidates: ordered by modeled cycles, then DRAM
/// bytes, then instruction count.
struct TileEstimate: Comparable, Hashable, Sendable {
    var cycles: Int
    var dramBytes: Int
    var instructions: Int

    static func < (a: TileEstimate, b: TileEstimate) -> Bool {
        (a.cycles, a.dramBytes, a.instructions) < (b.cycles, b.dramBytes, b.instructions)
    }
}
