import Foundation
import IR
import Testing
@testable import Backend

@Suite struct MemoryImageWriterTests {
    /// Bytes 01 02 03 04 05 at 32-bit words, worked out by hand.
    static let tiny = MemoryImage(name: "t", kind: .dram, baseAddress: 0x10, bytes: [1, 2, 3, 4, 5])
    static let tinyComment = "t: dram image, 5 bytes at byte address 0x10 (word 0x4), depth 2, 32-bit words, little-endian\n"

    @Test func tinyReadmemh() throws {
        #expect(try MemoryImageWriter.readmemh(Self.tiny, wordBits: 32) == "// " + Self.tinyComment + "04030201\n00000005\n")
    }

    @Test func tinyCOE() throws {
        #expect(try MemoryImageWriter.coe(Self.tiny, wordBits: 32) == "; " + Self.tinyComment + """
            memory_initialization_radix=16;
            memory_initialization_vector=
            04030201,
            00000005;

            """)
    }

    @Test func tinyMIF() throws {
        #expect(try MemoryImageWriter.mif(Self.tiny, wordBits: 32) == "-- " + Self.tinyComment + """
            WIDTH=32;
            DEPTH=2;
            ADDRESS_RADIX=HEX;
            DATA_RADIX=HEX;
            CONTENT BEGIN
            0 : 04030201;
            1 : 00000005;
            END;

            """)
    }

    /// At 8-bit words each byte is its own word, in order.
    @Test func byteWideWordsKeepByteOrder() throws {
        let image = MemoryImage(name: "b", kind: .sram, baseAddress: 0, bytes: [0xAB, 0x01, 0xF0])
        let lines = try MemoryImageWriter.readmemh(image, wordBits: 8).split(separator: "\n")
        #expect(lines.dropFirst() == ["ab", "01", "f0"])
    }

    /// Random bytes of awkward lengths read back from each format by separate parsing code.
    @Test(arguments: [8, 32, 64, 128, 512])
    func formatsParseBackToTheBytes(wordBits: Int) throws {
        var generator = SeededGenerator(seed: UInt64(wordBits))
        for count in [1, 3, 7, 63, 65, 1000, 4097] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let image = MemoryImage(name: "r", kind: .dram, baseAddress: 3 * 128, bytes: bytes)
            let wordBytes = wordBits / 8
            let padded = bytes + [UInt8](repeating: 0, count: image.depth(wordBits: wordBits) * wordBytes - count)
            #expect(try Self.parseReadmemh(MemoryImageWriter.readmemh(image, wordBits: wordBits), wordBits: wordBits) == padded)
            #expect(try Self.parseCOE(MemoryImageWriter.coe(image, wordBits: wordBits), wordBits: wordBits) == padded)
            #expect(try Self.parseMIF(MemoryImageWriter.mif(image, wordBits: wordBits), wordBits: wordBits) == padded)
        }
    }

    /// An empty image still gives one word of zeros, so that every format has a valid depth.
    @Test func emptyImageIsOneZeroWord() throws {
        let image = MemoryImage(name: "e", kind: .sram, baseAddress: 0, bytes: [])
        #expect(try Self.parseReadmemh(MemoryImageWriter.readmemh(image, wordBits: 64), wordBits: 64) == [UInt8](repeating: 0, count: 8))
        #expect(try Self.parseCOE(MemoryImageWriter.coe(image, wordBits: 64), wordBits: 64) == [UInt8](repeating: 0, count: 8))
        #expect(try MemoryImageWriter.mif(image, wordBits: 64).contains("DEPTH=1;\n"))
        let entry = MemoryManifest.Entry(image: image, wordBits: 64)
        #expect(entry.byteCount == 0 && entry.depth == 1 && entry.paddingBytes == 8)
    }

    /// A long image crosses several output chunks; the written file equals the text function's.
    @Test func largeImageWrittenInChunksEqualsTheText() throws {
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<300_003).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let image = MemoryImage(name: "big", kind: .dram, baseAddress: 0, bytes: bytes)
        let directory = try Self.temporaryDirectory()
        _ = try MemoryImageWriter.write([image], wordBits: 32, to: directory)
        let written = try String(contentsOf: directory.appendingPathComponent("big.mif"), encoding: .utf8)
        #expect(written.utf8.count > MemoryImageWriter.chunkSize)
        #expect(written == (try MemoryImageWriter.mif(image, wordBits: 32)))
        #expect(try Self.parseMIF(written, wordBits: 32) == bytes + [0])
    }

    @Test func manifestDescribesEachImageInTheOrderGiven() throws {
        let images = [
            MemoryImage(name: "z_weights", kind: .dram, baseAddress: 4096, bytes: [UInt8](repeating: 9, count: 100)),
            MemoryImage(name: "a_input", kind: .sram, baseAddress: 0, bytes: [1, 2]),
            MemoryImage(name: "program", kind: .instructions, baseAddress: 128, bytes: [UInt8](repeating: 0, count: 128)),
        ]
        let directory = try Self.temporaryDirectory()
        let manifest = try MemoryImageWriter.write(images, wordBits: 128, to: directory)
        #expect(manifest.wordBits == 128)
        #expect(manifest.entries.map(\.name) == ["z_weights", "a_input", "program"])
        let weights = manifest.entries[0]
        #expect(weights.kind == .dram && weights.baseAddress == 4096 && weights.byteCount == 100)
        #expect(weights.wordBits == 128 && weights.depth == 7 && weights.firstWordAddress == 256 && weights.paddingBytes == 12)
        #expect(weights.files == .init(readmemh: "z_weights.hex", coe: "z_weights.coe", mif: "z_weights.mif"))
        #expect(manifest.entries[2].depth == 8 && manifest.entries[2].firstWordAddress == 8)

        let json = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        #expect(try JSONDecoder().decode(MemoryManifest.self, from: json) == manifest)
        let text = String(decoding: json, as: UTF8.self)
        let keys = ["baseAddress", "byteCount", "depth", "files", "firstWordAddress", "kind", "name", "paddingBytes", "wordBits"]
        let positions = keys.map { text.range(of: "\"\($0)\"")!.lowerBound }
        #expect(positions == positions.sorted(), "entry keys are sorted")
        #expect(text.contains("\n  \"entries\" : [\n"), "pretty printed")

        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files == ["a_input.coe", "a_input.hex", "a_input.mif", "manifest.json", "program.coe", "program.hex",
                          "program.mif", "z_weights.coe", "z_weights.hex", "z_weights.mif"])
        let hex = try String(contentsOf: directory.appendingPathComponent("a_input.hex"), encoding: .utf8)
        #expect(hex.hasSuffix("\n00000000000000000000000000000201\n"))
    }

    @Test func sameImagesGiveIdenticalFiles() throws {
        let images = [Self.tiny, MemoryImage(name: "s.1-x", kind: .sram, baseAddress: 8, bytes: Array(0..<77))]
        let first = try Self.temporaryDirectory(), second = try Self.temporaryDirectory()
        _ = try MemoryImageWriter.write(images, wordBits: 64, to: first)
        _ = try MemoryImageWriter.write(images, wordBits: 64, to: second)
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(names.count == 7)
        for name in names {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
    }

    /// Writing again into the same directory replaces longer files rather than leaving their tails.
    @Test func rewritingTruncatesOldFiles() throws {
        let directory = try Self.temporaryDirectory()
        let long = MemoryImage(name: "t", kind: .dram, baseAddress: 0, bytes: [UInt8](repeating: 0xFF, count: 1000))
        _ = try MemoryImageWriter.write([long], wordBits: 32, to: directory)
        _ = try MemoryImageWriter.write([Self.tiny], wordBits: 32, to: directory)
        #expect(try String(contentsOf: directory.appendingPathComponent("t.hex"), encoding: .utf8)
            == (try MemoryImageWriter.readmemh(Self.tiny, wordBits: 32)))
    }

    @Test(arguments: [0, -8, 4, 12, 1032, 2048])
    func refusesInvalidWordWidths(wordBits: Int) throws {
        #expect(throws: BackendError.cannotWrite(
            path: "t.hex", reason: "word width \(wordBits) bits is not a multiple of 8 from 8 to 1024")) {
            try MemoryImageWriter.readmemh(Self.tiny, wordBits: wordBits)
        }
        let directory = try Self.temporaryDirectory().appendingPathComponent("out")
        #expect(throws: BackendError.cannotWrite(
            path: directory.path, reason: "word width \(wordBits) bits is not a multiple of 8 from 8 to 1024")) {
            try MemoryImageWriter.write([Self.tiny], wordBits: wordBits, to: directory)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path), "nothing written")
    }

    @Test(arguments: ["", "a/b", "../x", "a b", "a\nb", "gewicht_ü", "x;y"])
    func refusesInvalidNames(name: String) {
        let image = MemoryImage(name: name, kind: .dram, baseAddress: 0, bytes: [1])
        #expect(throws: BackendError.cannotWrite(
            path: name + ".coe", reason: "image name '\(name)' must be non-empty and use only A-Z a-z 0-9 _ . -")) {
            try MemoryImageWriter.coe(image, wordBits: 32)
        }
    }

    @Test func refusesMisalignedOrNegativeBaseAddresses() {
        for base in [4, -16] {
            let image = MemoryImage(name: "w", kind: .dram, baseAddress: base, bytes: [1])
            #expect(throws: BackendError.cannotWrite(
                path: "w.mif", reason: "base address \(base) of 'w' is not a non-negative multiple of the 16-byte word")) {
                try MemoryImageWriter.mif(image, wordBits: 128)
            }
        }
    }

    @Test func refusesNamesThatWouldShareFiles() throws {
        let directory = try Self.temporaryDirectory()
        let images = [Self.tiny, MemoryImage(name: "T", kind: .sram, baseAddress: 0, bytes: [])]
        #expect(throws: BackendError.cannotWrite(
            path: directory.appendingPathComponent("T").path,
            reason: "two images are named 'T' (names must differ in more than case)")) {
            try MemoryImageWriter.write(images, wordBits: 32, to: directory)
        }
    }

    /// Icarus Verilog's `$readmemh` reads the file back, at the manifest's first word address, to
    /// the same words, printed by `$display`.
    @Test(.enabled(if: MemoryImageWriterTests.iverilog != nil, "iverilog is not installed"), arguments: [8, 64, 128])
    func icarusReadsTheHexFile(wordBits: Int) throws {
        let iverilog = try #require(Self.iverilog)
        var generator = SeededGenerator(seed: 99)
        let bytes = (0..<301).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let image = MemoryImage(name: "mem", kind: .dram, baseAddress: 5 * wordBits / 8, bytes: bytes)
        let directory = try Self.temporaryDirectory()
        let entry = try MemoryImageWriter.write([image], wordBits: wordBits, to: directory).entries[0]
        let last = entry.firstWordAddress + entry.depth - 1
        let bench = """
            module bench;
              reg [\(wordBits - 1):0] dram [0:\(last)];
              integer i;
              initial begin
                $readmemh("\(directory.appendingPathComponent("mem.hex").path)", dram, \(entry.firstWordAddress));
                for (i = \(entry.firstWordAddress); i <= \(last); i = i + 1) $display("%h", dram[i]);
                $finish;
              end
            endmodule

            """
        try bench.write(to: directory.appendingPathComponent("bench.v"), atomically: true, encoding: .utf8)
        _ = try Self.run(iverilog, ["-o", directory.appendingPathComponent("bench.vvp").path, directory.appendingPathComponent("bench.v").path])
        let output = try Self.run(
            iverilog.deletingLastPathComponent().appendingPathComponent("vvp"), [directory.appendingPathComponent("bench.vvp").path])
        #expect(!output.contains("WARNING"), "\(output)")
        let words = output.split(separator: "\n").filter { !$0.contains("$finish") }.map(String.init)
        #expect(words == Self.expectedWords(bytes, wordBits: wordBits))
    }

    // MARK: - Independent references

    /// The words of `bytes` as lowercase hex, built byte by byte without the writer's code.
    static func expectedWords(_ bytes: [UInt8], wordBits: Int) -> [String] {
        let wordBytes = wordBits / 8
        let padded = bytes + [UInt8](repeating: 0, count: (wordBytes - bytes.count % wordBytes) % wordBytes)
        return stride(from: 0, to: padded.count, by: wordBytes).map { start in
            padded[start..<start + wordBytes].reversed().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// The bytes of one hex word, least significant first.
    static func wordBytes(_ word: Substring, wordBits: Int) throws -> [UInt8] {
        let characters = Array(word)
        try #require(characters.count == wordBits / 4, "word '\(word)' has \(characters.count) digits")
        return try (0..<wordBits / 8).map { index in
            let end = characters.count - 2 * index
            return try #require(UInt8(String(characters[end - 2..<end]), radix: 16))
        }
    }

    static func parseReadmemh(_ text: String, wordBits: Int) throws -> [UInt8] {
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("//") }
        return try lines.flatMap { try wordBytes($0, wordBits: wordBits) }
    }

    static func parseCOE(_ text: String, wordBits: Int) throws -> [UInt8] {
        let body = text.split(separator: "\n").filter { !$0.hasPrefix(";") }.joined()
        let statements = body.split(separator: ";", omittingEmptySubsequences: false)
        try #require(statements.count == 3 && statements[2].isEmpty)
        try #require(statements[0] == "memory_initialization_radix=16")
        let vector = try #require(statements[1].split(separator: "=", maxSplits: 1).last)
        try #require(statements[1].hasPrefix("memory_initialization_vector="))
        return try vector.split(separator: ",").flatMap { try wordBytes($0, wordBits: wordBits) }
    }

    static func parseMIF(_ text: String, wordBits: Int) throws -> [UInt8] {
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("--") }
        try #require(lines.count >= 6 && lines[0] == "WIDTH=\(wordBits);" && lines[1].hasPrefix("DEPTH="))
        let depth = try #require(Int(lines[1].dropFirst("DEPTH=".count).dropLast()))
        try #require(lines[2...4] == ["ADDRESS_RADIX=HEX;", "DATA_RADIX=HEX;", "CONTENT BEGIN"])
        try #require(lines.last == "END;")
        let content = lines[5..<lines.count - 1]
        try #require(content.count == depth)
        var bytes: [UInt8] = []
        for (expectedAddress, line) in content.enumerated() {
            let parts = line.split(separator: " : ")
            try #require(parts.count == 2 && parts[1].hasSuffix(";"))
            #expect(Int(parts[0], radix: 16) == expectedAddress)
            bytes += try wordBytes(parts[1].dropLast(), wordBits: wordBits)
        }
        return bytes
    }

    // MARK: - Helpers

    static let iverilog: URL? = ProcessInfo.processInfo.environment["PATH"]?.split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("iverilog") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vggc-mem-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `executable` and returns its standard output; a non-zero exit fails the test.
    static func run(_ executable: URL, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(executable.lastPathComponent) exited with \(process.terminationStatus)")
        return String(decoding: output, as: UTF8.self)
    }
}
