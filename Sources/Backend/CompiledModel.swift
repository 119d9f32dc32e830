import Foundation
import IR

/// A compiled model as `vggc compile -o` writes it: metadata plus the quantized graph, in a `.bin`
/// container (docs/FORMAT.md).
public struct CompiledModel: Hashable, Sendable {
    public var metadata: ModelMetadata
    public var graph: QuantizedGraph

    public init(metadata: ModelMetadata, graph: QuantizedGraph) {
        self.metadata = metadata
        self.graph = graph
    }

    /// The `.bin` bytes; the same model always gives the same bytes.
    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = Self.nonFiniteFloats
        return BinFile(sections: [
            BinSection(.metadata, payload: Array(try encoder.encode(metadata))),
            BinSection(.quantizedGraph, payload: Array(try encoder.encode(graph))),
        ]).encoded()
    }

    /// Writes the `.bin` file.
    public func write(to url: URL) throws {
        do { try Data(try encoded()).write(to: url) } catch let error as BackendError { throw error } catch {
            throw BackendError.unreadableBin(path: url.path, reason: "cannot write the file (\(error.localizedDescription))")
        }
    }

    /// Loads and validates a `.bin` file.
    public static func load(_ url: URL) throws -> CompiledModel {
        try decode(try BinFile.load(url), path: url.path)
    }

    /// Decodes the sections of a validated container.
    public static func decode(_ file: BinFile, path: String) throws -> CompiledModel {
        CompiledModel(metadata: try section(.metadata, of: file, path: path),
                      graph: try section(.quantizedGraph, of: file, path: path))
    }

    private static func section<T: Decodable>(_ tag: BinSection.Tag, of file: BinFile, path: String) throws -> T {
        guard let payload = file.payload(tag) else {
            throw BackendError.missingSection(path: path, section: tag.rawValue)
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = nonFiniteFloatsDecoding
        do { return try decoder.decode(T.self, from: Data(payload)) } catch {
            throw BackendError.malformedSection(path: path, section: tag.rawValue, reason: String(describing: error))
        }
    }

    private static let nonFiniteFloats = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    private static let nonFiniteFloatsDecoding = JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
}
