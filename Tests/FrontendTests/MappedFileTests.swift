import Foundation
import Testing
@testable import Frontend

/// A file mapped read-only: its bytes, dropping pages, and what cannot be mapped.
@Suite struct MappedFileTests {
    typealias F = ONNXFixtures

    private func write(_ bytes: [UInt8]) throws -> URL {
        let url = try F.scratchDirectory().appendingPathComponent("bytes")
        try Data(bytes).write(to: url)
        return url
    }

    /// Bytes spanning several pages, so that dropping some of them matters.
    private let bytes = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 / 256) }

    @Test func readsTheFile() throws {
        let file = try MappedFile(write(bytes))
        #expect(file.count == bytes.count)
        #expect(file.withUnsafeBytes { Array($0) } == bytes)
        #expect(Array(file.bytes(in: 5000..<5010)) == Array(bytes[5000..<5010]))
        #expect(file.bytes(in: 7..<7).isEmpty)
    }

    /// A copy of mapped bytes over several pieces drops their pages as it goes: they read the
    /// file again. A `Data` that is not the mapping's is copied alone.
    @Test func copiesAndDropsPagesBehind() throws {
        let large = (0..<(MappedFile.pieceBytes * 2 + 10_000)).map { UInt8(truncatingIfNeeded: $0 * 7 + $0 >> 12) }
        let file = try MappedFile(write(large))
        let range = 4095..<(large.count - 3)
        let slice = file.bytes(in: range)
        var copy = [UInt8](repeating: 0, count: range.count)
        copy.withUnsafeMutableBytes { file.copy(slice, into: $0) }
        #expect(copy == Array(large[range]))
        #expect(Array(slice) == Array(large[range]))
        #expect(file.withUnsafeBytes { Array($0) } == large)
        let other = Data(bytes)
        var copied = [UInt8](repeating: 0, count: bytes.count)
        copied.withUnsafeMutableBytes { file.copy(other, into: $0) }
        #expect(copied == bytes)
    }

    /// The `Data` it hands out keeps the mapping alive after the file object is gone.
    @Test func sliceOutlivesTheFile() throws {
        let url = try write(bytes)
        let slice = try MappedFile(url).bytes(in: 100..<30_000)
        #expect(Array(slice) == Array(bytes[100..<30_000]))
    }

    @Test func emptyFileHasNoBytes() throws {
        let file = try MappedFile(write([]))
        #expect(file.count == 0)
        #expect(file.withUnsafeBytes { $0.isEmpty })
        #expect(file.bytes(in: 0..<0).isEmpty)
    }

    @Test func refusesFoldersAndMissingFiles() throws {
        let directory = try F.scratchDirectory()
        #expect(throws: FrontendError.unreadableFile(path: directory.path, detail: "not a regular file")) {
            try MappedFile(directory)
        }
        let missing = directory.appendingPathComponent("absent")
        #expect(throws: FrontendError.unreadableFile(path: missing.path, detail: "No such file or directory")) {
            try MappedFile(missing)
        }
    }
}
