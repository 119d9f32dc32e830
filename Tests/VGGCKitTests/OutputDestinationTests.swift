import Foundation
import Testing
import VGGCKit

@Suite struct OutputDestinationTests {
    @Test func refusesAMissingDirectoryAndADirectory() throws {
        let folder = try KitFixtures.directory("output")
        try OutputDestination.checkWritable(folder.appendingPathComponent("model.bin"))
        let missing = folder.appendingPathComponent("missing/model.bin")
        #expect(throws: VGGCKitError.unwritableOutput(path: missing.path,
                                                      reason: "the directory \(folder.path)/missing does not exist")) {
            try OutputDestination.checkWritable(missing)
        }
        #expect(throws: VGGCKitError.unwritableOutput(path: folder.path, reason: "it is a directory")) {
            try OutputDestination.checkWritable(folder)
        }
    }
}
