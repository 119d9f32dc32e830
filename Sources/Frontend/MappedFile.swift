import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only into memory. A page is read from the page cache when first
/// touched and counts toward the process's resident memory until `copy` drops it (the file is
/// not changed: a later touch reads the page again). The mapping lives as long as this object
/// and every `Data` that `bytes(in:)` handed out.
final class MappedFile: @unchecked Sendable {
    /// The file's path, for errors.
    let path: String
    /// The file's length in bytes.
    let count: Int
    /// The first mapped byte; `nil` for an empty file, which is not mapped.
    private let base: UnsafeRawPointer?

    /// Maps the file at `url`. Throws `FrontendError.unreadableFile` when it cannot be opened or
    /// mapped, or is not a regular file.
    init(_ url: URL) throws {
        path = url.path
        let descriptor = open(url.path, O_RDONLY)
        guard descriptor >= 0 else { throw FrontendError.unreadableFile(path: url.path, detail: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FrontendError.unreadableFile(path: url.path, detail: String(cString: strerror(errno)))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw FrontendError.unreadableFile(path: url.path, detail: "not a regular file") }
        count = Int(status.st_size)
        guard count > 0 else {
            base = nil
            return
        }
        let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0)
        guard let address, address != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw FrontendError.unreadableFile(path: url.path, detail: String(cString: strerror(errno)))
        }
        base = UnsafeRawPointer(address)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// Calls `body` with the whole file's bytes.
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The bytes in `range` (inside the file) as a `Data` that reads the mapping, not a copy of it.
    /// The `Data` must not be mutated in place: the mapping is read-only.
    func bytes(in range: Range<Int>) -> Data {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "range \(range) outside the \(count)-byte file")
        guard let base, !range.isEmpty else { return Data() }
        return Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base + range.lowerBound), count: range.count,
                    deallocator: .custom { _, _ in withExtendedLifetime(self) {} })
    }

    /// Copies `data` into `destination`, which is exactly as long. When `data` reads this mapping
    /// (a `Data` from `bytes(in:)`), it is copied in pieces of `pieceBytes` and each piece's pages
    /// are dropped once copied, so that a tensor's copy and the pages it came from are not both
    /// resident (light ZFNet's fc6 holds 302 MB of its 349 MB file); a later read maps them again.
    func copy(_ data: Data, into destination: UnsafeMutableRawBufferPointer) {
        precondition(destination.count == data.count, "copying \(data.count) bytes into \(destination.count)")
        data.withUnsafeBytes { source in
            guard let from = source.baseAddress, let to = destination.baseAddress else { return }
            guard let base, from >= base, from + source.count <= base + count else {
                to.copyMemory(from: from, byteCount: source.count)
                return
            }
            let offset = base.distance(to: from)
            var done = 0
            while done < source.count {
                let piece = min(Self.pieceBytes, source.count - done)
                (to + done).copyMemory(from: from + done, byteCount: piece)
                dropPages(from: offset + done, to: offset + done + piece)
                done += piece
            }
        }
    }

    /// The bytes copied between two drops of pages.
    static let pieceBytes = 4 << 20

    /// Drops the resident pages holding bytes `start..<end` of the file: every page they touch,
    /// the neighbouring bytes on its ends too.
    private func dropPages(from start: Int, to end: Int) {
        guard let base else { return }
        let first = start / Self.pageBytes * Self.pageBytes
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), end - first, Int32(MADV_DONTNEED))
    }

    private static let pageBytes = Int(sysconf(Int32(_SC_PAGESIZE)))
}
