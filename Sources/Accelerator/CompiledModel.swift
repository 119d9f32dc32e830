import Foundation
import IR
import Quantization

/// A compiled model as `vggc compile -o` writes it: metadata, the quantized graph (the integer
/// reference), the hardware config and the accelerator program, in a `.bin` container
/// (docs/FORMAT.md).
public struct CompiledModel: Hashable, Sendable {
    public var metadata: ModelMetadata
    public var graph: QuantizedGraph
    public var config: HardwareConfig
    public var program: AcceleratorProgram

    public init(metadata: ModelMetadata, graph: QuantizedGraph, config: HardwareConfig, program: AcceleratorProgram) {
        self.metadata = metadata
        self.graph = graph
        self.config = config
        self.program = program
    }

    /// The `.bin` bytes; the same model always gives the same bytes.
    public func encoded() throws -> [UInt8] {
        try container().encoded()
    }

    /// The sections of the `.bin`.
    public func container() throws -> BinFile {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = Self.nonFiniteFloats
        return BinFile(sections: [
            BinSection(.metadata, payload: Array(try encoder.encode(metadata))),
            BinSection(.labels, payload: Array((metadata.labels.map { $0 + "\n" }.joined()).utf8)),
            BinSection(.hardwareConfig, payload: Array(try encoder.encode(config))),
            BinSection(.interface, payload: Array(try encoder.encode(interface))),
            BinSection(.layers, payload: Array(try encoder.encode(program.layers))),
            BinSection(.instructions, payload: try InstructionStream.encode(program.instructions)),
            BinSection(.dramImage, payload: program.constants),
            BinSection(.quantizedGraph, payload: Array(try encoder.encode(graph.strippingWeights()))),
        ])
    }

    /// The input and output descriptors.
    public var interface: ProgramInterface {
        ProgramInterface(input: program.input, outputs: program.outputs, dramBytes: program.dramBytes,
                         constantBytes: program.constants.count, elementBytes: program.elementBytes,
                         accumulatorBytes: program.accumulatorBytes, inputScale: graph.input.params.scale,
                         inputZeroPoint: graph.input.params.zeroPoint, outputScales: graph.outputs.map(\.params.scale),
                         outputZeroPoints: graph.outputs.map(\.params.zeroPoint))
    }

    /// Writes the `.bin` file.
    public func write(to url: URL) throws {
        do { try container().write(to: url) } catch let error as AcceleratorError { throw error } catch {
            throw AcceleratorError.unreadableBin(path: url.path, reason: "cannot write the file (\(error.localizedDescription))")
        }
    }

    /// Loads and validates a `.bin` file.
    public static func load(_ url: URL) throws -> CompiledModel {
        try decode(try BinFile.load(url), path: url.path)
    }

    /// Decodes the sections of a validated container.
    public static func decode(_ file: BinFile, path: String) throws -> CompiledModel {
        var metadata: ModelMetadata = try section(.metadata, of: file, path: path)
        metadata.labels = try payload(.labels, of: file, path: path).split(separator: UInt8(ascii: "\n"))
            .map { String(decoding: $0, as: UTF8.self) }
        let interface: ProgramInterface = try section(.interface, of: file, path: path)
        let code = try payload(.instructions, of: file, path: path)
        let instructions: [Instruction]
        do { instructions = try InstructionStream.decode(code) } catch let error as AcceleratorError {
            throw AcceleratorError.malformedSection(path: path, section: BinSection.Tag.instructions.rawValue, reason: error.localizedDescription)
        }
        let constants = try payload(.dramImage, of: file, path: path)
        guard constants.count == interface.constantBytes, interface.constantBytes <= interface.dramBytes else {
            throw AcceleratorError.malformedSection(path: path, section: BinSection.Tag.dramImage.rawValue,
                                                reason: "\(constants.count) bytes, the interface says \(interface.constantBytes) of \(interface.dramBytes)")
        }
        let program = AcceleratorProgram(instructions: instructions, layers: try section(.layers, of: file, path: path),
                                         constants: constants, dramBytes: interface.dramBytes, input: interface.input,
                                         outputs: interface.outputs, elementBytes: interface.elementBytes,
                                         accumulatorBytes: interface.accumulatorBytes)
        let config = try HardwareConfig.decode(Data(try payload(.hardwareConfig, of: file, path: path)), path: "\(path) (HWCF)")
        try program.validate(config: config, path: path)
        let stripped: QuantizedGraph = try section(.quantizedGraph, of: file, path: path)
        let graph = try stripped.restoringWeights(from: program.layers, constants: constants, path: path)
        guard AcceleratorProgram.elementCount(graph.input.dims) != nil else {
            throw AcceleratorError.malformedSection(path: path, section: BinSection.Tag.quantizedGraph.rawValue,
                                                reason: "input '\(graph.input.name)' has dims \(graph.input.dims)")
        }
        let preprocessing = metadata.preprocessing
        guard preprocessing.height >= 1, preprocessing.width >= 1,
              AcceleratorProgram.elementCount([preprocessing.channels, preprocessing.height, preprocessing.width]) != nil else {
            throw AcceleratorError.malformedSection(path: path, section: BinSection.Tag.metadata.rawValue,
                                                reason: "preprocessing to \(preprocessing.height)×\(preprocessing.width)")
        }
        if let shorterSide = preprocessing.shorterSide, !(1...AcceleratorProgram.largestDimension).contains(shorterSide) {
            throw AcceleratorError.malformedSection(path: path, section: BinSection.Tag.metadata.rawValue,
                                                reason: "preprocessing resizes the shorter side to \(shorterSide)")
        }
        return CompiledModel(metadata: metadata, graph: graph, config: config, program: program)
    }

    private static func payload(_ tag: BinSection.Tag, of file: BinFile, path: String) throws -> [UInt8] {
        guard let payload = file.payload(tag) else { throw AcceleratorError.missingSection(path: path, section: tag.rawValue) }
        return payload
    }

    private static func section<T: Decodable>(_ tag: BinSection.Tag, of file: BinFile, path: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = nonFiniteFloatsDecoding
        do { return try decoder.decode(T.self, from: Data(try payload(tag, of: file, path: path))) } catch let error as AcceleratorError {
            throw error
        } catch {
            throw AcceleratorError.malformedSection(path: path, section: tag.rawValue, reason: String(describing: error))
        }
    }

    private static let nonFiniteFloats = JSONEncoder.NonConformingFloatEncodingStrategy.convertToString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    private static let nonFiniteFloatsDecoding = JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString(
        positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
}
