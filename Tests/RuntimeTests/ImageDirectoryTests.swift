import Foundation
import Testing
@testable import Runtime

@Suite struct ImageDirectoryTests {
    private func makeDirectory(_ files: [String], subdirectories: [String] = []) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-images-\(UUID().uuidString)")
        for name in subdirectories {
            try FileManager.default.createDirectory(at: directory.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in files { try Data().write(to: directory.appendingPathComponent(name)) }
        return directory
    }

    @Test func listsImagesByNameIgnoringCaseOfExtensions() throws {
        let directory = try makeDirectory(
            ["b_3.PNG", "a_1.jpeg", "c.JPG", "d.pgm", "e.Ppm", "labels.csv", "notes.txt", ".hidden.png", "z.png.bak"],
            subdirectories: ["sub.png"])
        defer { try? FileManager.default.removeItem(at: directory) }
        let names = try ImageDirectory.imageFiles(in: directory).map(\.lastPathComponent)
        #expect(names == ["a_1.jpeg", "b_3.PNG", "c.JPG", "d.pgm", "e.Ppm"])
    }

    @Test func directoryWithoutImagesIsAnError() throws {
        let directory = try makeDirectory(["labels.csv"])
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: RuntimeError.noImages(directory: directory.path, extensions: ["jpeg", "jpg", "pgm", "png", "ppm"])) {
            try ImageDirectory.imageFiles(in: directory)
        }
    }

    @Test func missingDirectoryIsAnIOError() throws {
        let error = try #require(throws: RuntimeError.self) {
            try ImageDirectory.imageFiles(in: URL(fileURLWithPath: "/nonexistent/vggc-images"))
        }
        guard case .io(let path, _) = error else { Issue.record("\(error)"); return }
        #expect(path == "/nonexistent/vggc-images")
    }
}
