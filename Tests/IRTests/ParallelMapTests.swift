import Testing
@testable import IR

/// The parallel loops give what one loop over the indices gives, in order.
@Suite struct ParallelMapTests {
    @Test(arguments: [0, 1, 2, 7, 1000])
    func mapKeepsIndexOrder(count: Int) {
        #expect(ParallelMap.map(count: count) { $0 * $0 - 3 } == (0..<count).map { $0 * $0 - 3 })
    }

    /// The blocks cover the indices once each, in order, and there is always at least one.
    @Test(arguments: [0, 1, 2, 7, 1000])
    func blocksCoverTheIndicesInOrder(count: Int) {
        let blocks = ParallelMap.map(blocksOf: count) { $0 }
        #expect(!blocks.isEmpty)
        #expect(blocks.flatMap { Array($0) } == Array(0..<count))
    }
}
