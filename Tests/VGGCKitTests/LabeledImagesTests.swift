import Foundation
import Testing
@testable import VGGCKit

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

    /// Only `_<index>` without leading zeros or `_<class name>` is a label: an ImageNet validation
    /// name has none.
    @Test func fileNameLabelsHaveOneForm() {
        let names = ["zero", "one"]
        #expect(LabeledImages.labelFromFileName("a_0.png", classNames: names) == 0)
        #expect(LabeledImages.labelFromFileName("a_12.JPEG", classNames: names) == 12)
        #expect(LabeledImages.labelFromFileName("x_one.png", classNames: names) == 1)
        #expect(LabeledImages.labelFromFileName("ILSVRC2012_val_00000001.JPEG", classNames: names) == nil)
        #expect(LabeledImages.labelFromFileName("a_-1.png", classNames: names) == nil)
        #expect(LabeledImages.labelFromFileName("a_1x.png", classNames: names) == nil)
        #expect(LabeledImages.labelFromFileName("plain.png", classNames: names) == nil)
        #expect(LabeledImages.labelFromFileName("a_.png", classNames: names) == nil)
    }

    /// torchvision's ImageFolder: classes in sorted folder order, images by class then by name.
    @Test func classFoldersGiveTheLabels() throws {
        let folder = try KitFixtures.directory("imagefolder")
        for name in ["n02/b_9.png", "n02/a.png", "Zeta/c.png", "n01/d.png"] {
            try KitFixtures.copyDigit(to: folder.appendingPathComponent(name))
        }
        let images = try LabeledImages(directory: folder, classNames: [])
        #expect(images.names == ["Zeta/c.png", "n01/d.png", "n02/a.png", "n02/b_9.png"])
        #expect(images.labels == [0, 1, 2, 2])
        #expect(images.files.map(\.path) == images.names.map { folder.appendingPathComponent($0).path })
        try "file,label\nZeta/c.png,5\nn01/d.png,6\nn02/a.png,7\nn02/b_9.png,8\n".write(
            to: folder.appendingPathComponent("table.csv"), atomically: true, encoding: .utf8)
        let tabled = try LabeledImages(directory: folder, classNames: [], labelsFile: folder.appendingPathComponent("table.csv"))
        #expect(tabled.labels == [5, 6, 7, 8], "a labels file takes precedence over the folders")
    }

    @Test func anEmptyClassFolderIsAnError() throws {
        let folder = try KitFixtures.directory("emptyclass")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("cat"), withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try LabeledImages(directory: folder, classNames: []) }
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
