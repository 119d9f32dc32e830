import Foundation
import Testing
import VGGCKit

@Suite struct ParallelWorkTests {
    @Test func resultsComeInIndexOrderForAnyJobCount() throws {
        for jobs in [1, 2, 5, 40] {
            var progress: [Int] = []
            let squares = try ParallelWork.map(count: 30, jobs: jobs, progress: { progress.append($0) }) { index in
                usleep(UInt32((30 - index) * 100))
                return index * index
            }
            #expect(squares == (0..<30).map { $0 * $0 })
            #expect(progress == Array(1...30))
        }
        #expect(try ParallelWork.map(count: 0, jobs: 4) { $0 }.isEmpty)
    }

    struct Failure: Error, Equatable { var index: Int }

    @Test func rethrowsTheErrorOfTheLowestIndex() {
        #expect(throws: Failure(index: 3)) {
            try ParallelWork.map(count: 10, jobs: 1) { index in
                if index == 3 || index == 6 { throw Failure(index: index) }
                return index
            }
        }
    }
}
