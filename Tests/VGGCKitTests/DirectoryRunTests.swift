import Foundation
import Testing
import VGGCKit

@Suite struct DirectoryRunTests {
    @Test func everyImageInNameOrderWithItsLabel() throws {
        let session = try Session(model: try KitFixtures.compiledLeNet.get())
        let names = ["4503_9.png", "0002_0.png", "0501_1.png"]
        let folder = try KitFixtures.images(names)
        var progress: [Int] = []
        let run = try DirectoryRun(session: session, directory: folder) { done, _ in progress.append(done) }
        #expect(progress == [0, 1, 2, 3])
        #expect(run.results.map(\.file) == names.sorted())
        #expect(run.results.map(\.expected) == [0, 1, 9])
        #expect(run.labelsUnavailable == nil)
        for result in run.results {
            let inference = try session.run(imageAt: folder.appendingPathComponent(result.file))
            let top = session.rank(inference, top: 1)[0].top[0]
            #expect(result.classIndex == top.classIndex && result.label == top.label && result.score == top.score)
        }
        let correct = run.results.filter { $0.classIndex == $0.expected }.count
        #expect(run.top1Accuracy == Double(correct) / 3)
        #expect(run.run == (try session.run(imageAt: folder.appendingPathComponent(names[1]))).run)
    }

    @Test func unlabelledImagesHaveNoAccuracy() throws {
        let session = try Session(model: try KitFixtures.compiledLeNet.get())
        let folder = try KitFixtures.directory("unlabelled")
        try FileManager.default.copyItem(at: KitFixtures.testImages.appendingPathComponent("0002_0.png"),
                                         to: folder.appendingPathComponent("digit.png"))
        let run = try DirectoryRun(session: session, directory: folder)
        #expect(run.results.count == 1 && run.results[0].expected == nil)
        #expect(run.top1Accuracy == nil)
        #expect(run.labelsUnavailable?.contains("digit.png") == true)
    }

    @Test func accuracyCountsOnlyLabelledImagesAndTheRateNeedsTime() {
        let results = [ImageResult(file: "a", classIndex: 1, label: "1", score: 0.5, expected: 1),
                       ImageResult(file: "b", classIndex: 2, label: "2", score: 0.5, expected: nil),
                       ImageResult(file: "c", classIndex: 3, label: "3", score: 0.5, expected: 4),
                       ImageResult(file: "d", classIndex: 0, label: "0", score: 0.5, expected: 0)]
        #expect(DirectoryRun.top1Accuracy(of: results) == 2.0 / 3.0)
        #expect(DirectoryRun.top1Accuracy(of: [results[1]]) == nil)
        #expect(DirectoryRun.imagesPerSecond(images: 6, seconds: 1.5) == 4)
        #expect(DirectoryRun.imagesPerSecond(images: 6, seconds: 0) == 0)
    }
}
