import Foundation
import Runtime
import Testing
import VGGCKit

@Suite struct DatasetDirectoryTests {
    /// Images of its own make a directory flat: its subfolders are not read.
    @Test func imagesOfItsOwnMakeADirectoryFlat() throws {
        let folder = try KitFixtures.directory("flat")
        for name in ["b.png", "a.png", "cats/c.png"] { try KitFixtures.copyDigit(to: folder.appendingPathComponent(name)) }
        let dataset = try DatasetDirectory(directory: folder)
        #expect(dataset.names == ["a.png", "b.png"])
        #expect(dataset.classFolders.isEmpty && dataset.folderClasses.isEmpty)
    }

    /// Class folders in code-point order (upper case first), hidden folders skipped, images by class then name.
    @Test func classFoldersInCodePointOrder() throws {
        let folder = try KitFixtures.directory("classes")
        for name in ["dog/2.png", "dog/10.png", "Cat/x.png", ".cache/y.png", "ant/z.png"] {
            try KitFixtures.copyDigit(to: folder.appendingPathComponent(name))
        }
        let dataset = try DatasetDirectory(directory: folder)
        #expect(dataset.classFolders == ["Cat", "ant", "dog"])
        #expect(dataset.names == ["Cat/x.png", "ant/z.png", "dog/10.png", "dog/2.png"])
        #expect(dataset.folderClasses == [0, 1, 2, 2])
    }

    @Test func aDirectoryWithoutImagesIsAnError() throws {
        let folder = try KitFixtures.directory("empty")
        #expect(throws: RuntimeError.self) { try DatasetDirectory(directory: folder) }
    }
}
