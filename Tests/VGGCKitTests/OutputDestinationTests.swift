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

    /// Permission bits say yes (as they do for root) but the kernel refuses the file: the probe
    /// finds out before any work, and leaves nothing behind where it succeeds.
    @Test func opensTheFileToFindOut() throws {
        #expect(throws: VGGCKitError.unwritableOutput(path: "/proc/vggc-model.bin",
                                                      reason: "it cannot be opened for writing: No such file or directory")) {
            try OutputDestination.checkWritable(URL(fileURLWithPath: "/proc/vggc-model.bin"))
        }
        let folder = try KitFixtures.directory("output-probe")
        let fresh = folder.appendingPathComponent("fresh.bin")
        try OutputDestination.checkWritable(fresh)
        #expect(!FileManager.default.fileExists(atPath: fresh.path))
        let existing = folder.appendingPathComponent("existing.bin")
        try Data([1, 2, 3]).write(to: existing)
        try OutputDestination.checkWritable(existing)
        #expect(try Data(contentsOf: existing) == Data([1, 2, 3]))
    }
}
