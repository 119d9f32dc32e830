import Foundation
import IR
import Accelerator

/// Writes each layer's stored output, as `AcceleratorModel.run(input:observe:)` hands it over, into a
/// directory for RTL testbenches: `NN_<layer>.npy` (int8, or int32 for wider storage such as
/// `de1soc-q10`), `NN_<layer>.hex` (one value per line, two's complement at the element width, lower-case
/// hex digits) and, on `finish()`, `manifest.json` listing every layer with its shape, dtype and files.
/// `NN` is the layer's index in the program's layer table; characters other than letters, digits,
/// `_`, `-` and `.` in the name become `_`.
public struct LayerDumpWriter: Sendable {
    /// One dumped layer, as the manifest lists it.
    public struct Entry: Hashable, Sendable, Codable {
        public var index: Int
        public var layer: String
        public var op: String
        public var shape: [Int]
        /// `int8` or `int32`.
        public var dtype: String
        /// Bytes per value in the hex file (and on the accelerator).
        public var elementBytes: Int
        public var npy: String
        public var hex: String

        enum CodingKeys: String, CodingKey {
            case index, layer, op, shape, dtype, npy, hex
            case elementBytes = "element_bytes"
        }
    }

    public let directory: URL
    /// The layers written so far, in the order they were added.
    public private(set) var entries: [Entry] = []
    private let tableIndex: [String: Int]

    /// Creates `directory` (and its parents) for the layers of `program`.
    public init(directory: URL, program: AcceleratorProgram) throws {
        self.directory = directory
        tableIndex = Dictionary(program.layers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        do { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw RuntimeError.io(path: directory.path, reason: "cannot create the directory (\(error.localizedDescription))")
        }
    }

    /// Writes the `.npy` and `.hex` files of `layer`'s stored output `values` (row-major).
    public mutating func add(_ layer: ProgramLayer, values: [Int32]) throws {
        guard let (dims, elementBytes) = layer.dramOutput.map({ ($0.dims, $0.elementBytes) })
                ?? layer.sramOutput.map({ ($0.dims, $0.elementBytes) }) else { return }
        let index = tableIndex[layer.name] ?? entries.count
        let stem = String(format: "%02d_", index) + Self.sanitized(layer.name)
        let entry = Entry(index: index, layer: layer.name, op: layer.op, shape: dims, dtype: elementBytes == 1 ? "int8" : "int32",
                          elementBytes: elementBytes, npy: stem + ".npy", hex: stem + ".hex")
        let data: TensorData = elementBytes == 1 ? .int8(values.map { Int8(truncatingIfNeeded: $0) }) : .int32(values)
        try write(NPYFile.encode(Tensor(shape: Shape(dims), data: data)), to: entry.npy)
        try write(Data(Self.hexLines(values, elementBytes: elementBytes).utf8), to: entry.hex)
        entries.append(entry)
    }

    /// Writes `manifest.json`: `{"layers": [entries]}` with sorted keys.
    public func finish() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try write(try encoder.encode(["layers": entries]), to: "manifest.json")
    }

    /// `values` as lower-case two's complement hex of `elementBytes` bytes, one per line.
    public static func hexLines(_ values: [Int32], elementBytes: Int) -> String {
        let digits = 2 * elementBytes
        let mask = elementBytes >= 8 ? UInt64.max : (UInt64(1) << (8 * elementBytes)) - 1
        var text = ""
        text.reserveCapacity(values.count * (digits + 1))
        for value in values {
            let hex = String(UInt64(bitPattern: Int64(value)) & mask, radix: 16)
            text += String(repeating: "0", count: max(0, digits - hex.count)) + hex + "\n"
        }
        return text
    }

    private func write(_ data: Data, to name: String) throws {
        let url = directory.appendingPathComponent(name)
        do { try data.write(to: url) } catch {
            throw RuntimeError.io(path: url.path, reason: "cannot write the file (\(error.localizedDescription))")
        }
    }

    private static func sanitized(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." ? $0 : "_" })
    }
}
