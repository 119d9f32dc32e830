import Foundation

/// Writes memory images for RTL simulation and FPGA tools: `$readmemh` hex, Xilinx `.coe` and
/// Intel `.mif`, one word per line at the bus width, plus `manifest.json` (docs/FORMAT.md,
/// "Memory images for RTL").
public enum MemoryImageWriter {
    /// The file name of the manifest in the output directory.
    public static let manifestFileName = "manifest.json"

    /// Writes `<name>.hex`, `<name>.coe` and `<name>.mif` for every image and `manifest.json` into
    /// `directory` (created if missing). Returns the manifest it wrote.
    public static func write(_ images: [MemoryImage], wordBits: Int, to directory: URL) throws -> MemoryManifest {
        try validate(wordBits: wordBits, path: directory.path)
        var stems: Set<String> = []
        for image in images {
            try validate(image, wordBits: wordBits, path: directory.appendingPathComponent(image.name).path)
            guard stems.insert(image.name.lowercased()).inserted else {
                throw BackendError.cannotWrite(
                    path: directory.appendingPathComponent(image.name).path,
                    reason: "two images are named '\(image.name)' (names must differ in more than case)")
            }
        }
        try createDirectory(directory)
        for image in images {
            for format in Format.allCases {
                let url = directory.appendingPathComponent(image.name + "." + format.fileExtension)
                try writeFile(url) { emit in try encode(image, as: format, wordBits: wordBits, emit: emit) }
            }
        }
        let manifest = MemoryManifest(
            wordBits: wordBits, entries: images.map { MemoryManifest.Entry(image: $0, wordBits: wordBits) })
        let bytes = try manifest.jsonBytes()
        try writeFile(directory.appendingPathComponent(manifestFileName)) { emit in try emit(bytes[...]) }
        return manifest
    }

    /// The `$readmemh` text of `image`: a `//` comment line, then one word per line.
    public static func readmemh(_ image: MemoryImage, wordBits: Int) throws -> String {
        try text(image, as: .readmemh, wordBits: wordBits)
    }

    /// The Xilinx `.coe` text of `image`: a `;` comment line, the radix, then the words.
    public static func coe(_ image: MemoryImage, wordBits: Int) throws -> String {
        try text(image, as: .coe, wordBits: wordBits)
    }

    /// The Intel `.mif` text of `image`: a `--` comment line, the header, then `address : word;` lines.
    public static func mif(_ image: MemoryImage, wordBits: Int) throws -> String {
        try text(image, as: .mif, wordBits: wordBits)
    }

    private static func text(_ image: MemoryImage, as format: Format, wordBits: Int) throws -> String {
        try validate(wordBits: wordBits, path: image.name + "." + format.fileExtension)
        try validate(image, wordBits: wordBits, path: image.name + "." + format.fileExtension)
        var bytes: [UInt8] = []
        encode(image, as: format, wordBits: wordBits) { bytes += $0 }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Word widths are whole bytes, from 8 to 1024 bits.
    static func validate(wordBits: Int, path: String) throws {
        guard (8...1024).contains(wordBits), wordBits % 8 == 0 else {
            throw BackendError.cannotWrite(
                path: path, reason: "word width \(wordBits) bits is not a multiple of 8 from 8 to 1024")
        }
    }

    /// The name is a safe file stem and the base address starts a word.
    static func validate(_ image: MemoryImage, wordBits: Int, path: String) throws {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
        guard !image.name.isEmpty, image.name.allSatisfy(allowed.contains) else {
            throw BackendError.cannotWrite(
                path: path, reason: "image name '\(image.name)' must be non-empty and use only A-Z a-z 0-9 _ . -")
        }
        let wordBytes = wordBits / 8
        guard image.baseAddress >= 0, image.baseAddress % wordBytes == 0 else {
            throw BackendError.cannotWrite(
                path: path,
                reason: "base address \(image.baseAddress) of '\(image.name)' is not a non-negative multiple of the \(wordBytes)-byte word")
        }
    }

    private static func createDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw BackendError.cannotWrite(path: directory.path, reason: error.localizedDescription)
        }
    }

    /// Creates or truncates the file at `url` and writes every chunk that `produce` emits.
    private static func writeFile(_ url: URL, produce: (_ emit: (ArraySlice<UInt8>) throws -> Void) throws -> Void) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw BackendError.cannotWrite(path: url.path, reason: "the file cannot be created")
        }
        do {
            let handle = try FileHandle(forWritingTo: url)
            do {
                try produce { try handle.write(contentsOf: $0) }
                try handle.close()
            } catch {
                try? handle.close()
                throw error
            }
        } catch {
            throw BackendError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
    }
}
