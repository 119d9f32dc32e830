import Testing
import VGGCKit

@Suite struct RankingTests {
    @Test func largestFirstLowerIndexFirstOnTies() {
        let values: [Float] = [0.5, 2, -1, 2, 0.5]
        #expect(Ranking.top(5, of: values) == [1, 3, 0, 4, 2])
        #expect(Ranking.top(2, of: values) == [1, 3])
        #expect(Ranking.top(9, of: values).count == 5)
        #expect(Ranking.best(of: values) == 1)
        #expect(Ranking.best(of: []) == nil)
    }
}
