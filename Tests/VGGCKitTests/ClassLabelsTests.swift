import Foundation
import Testing
import VGGCKit

@Suite struct ClassLabelsTests {
    @Test func oneNamePerLineTrimmed() throws {
        let file = try KitFixtures.directory("labels").appendingPathComponent("labels.txt")
        try " cat\n\ndog \r\nbird".write(to: file, atomically: true, encoding: .utf8)
        #expect(try ClassLabels.load(file) == ["cat", "dog", "bird"])
        #expect(throws: VGGCKitError.unreadableFile(path: file.path + ".missing", reason: "cannot read the class labels")) {
            try ClassLabels.load(URL(fileURLWithPath: file.path + ".missing"))
        }
    }
}
