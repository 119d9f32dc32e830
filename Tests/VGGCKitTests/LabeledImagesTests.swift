import Foundation
import Testing
import VGGCKit

@Suite struct LabeledImagesTests {
    @Test func labelsFromFileNamesByIndexOrName() throws {
        let folder = try KitFixtures.images(["0002_0.png", "0501_1.png"])
        try FileManager.default.copyItem(at: folder.appendingPathComponent("0002_0.png"), to: folder.appendingPathComponent("x_seven.png"))
        let images = try LabeledImages(directory: folder, classNames: ["zero", "one", "two", "three", "four", "five", "six", "seven"])
        #expect(images.files.map(\.lastPathComponent) == ["0002_0.png", "0501_1.png", "x_seven.png"])
        #expect(images.labels == [0, 1, 7])
        #expect(images.prefix(2) == LabeledImages(files: Array(images.files.prefix(2)), labels: [0, 1]))
    }

    /// `labels.csv` takes precedence over file names; its header is optional.
    @Test func labelsFromATable() throws {
        let folder = try KitFixtures.images(["0002_0.png", "0501_1.png"])
        try "file,label\n0002_0.png, 4\n0501_1.png,three\n".write(to: folder.appendingPathComponent("labels.csv"), atomically: true,
                                                                  encoding: .utf8)
        let images = try LabeledImages(directory: folder, classNames: ["zero", "one", "two", "three"])
        #expect(images.labels == [4, 3])
    }

    @Test func missingUnknownAndMalformedLabelsAreNamed() throws {
        let folder = try KitFixtures.directory("labels")
        let image = folder.appendingPathComponent("digit.png")
        try FileManager.default.copyItem(at: KitFixtures.testImages.appendingPathComponent("0002_0.png"), to: image)
        #expect(throws: VGGCKitError.missingLabel(file: image.path, labelsFile: nil)) {
            try LabeledImages(directory: folder, classNames: [])
        }
        let csv = folder.appendingPathComponent("labels.csv")
        try "digit.png,zebra\n".write(to: csv, atomically: true, encoding: .utf8)
        #expect(throws: VGGCKitError.unknownLabel(file: image.path, label: "zebra")) {
            try LabeledImages(directory: folder, classNames: ["zero"])
        }
        try "other.png,1\n".write(to: csv, atomically: true, encoding: .utf8)
        #expect(throws: VGGCKitError.missingLabel(file: image.path, labelsFile: csv.path)) {
            try LabeledImages(directory: folder, classNames: [])
        }
        try "digit.png,1\nno comma here\n".write(to: csv, atomically: true, encoding: .utf8)
        #expect(throws: VGGCKitError.malformedLabels(path: csv.path, line: 2)) {
            try LabeledImages(directory: folder, classNames: [])
        }
    }
}
