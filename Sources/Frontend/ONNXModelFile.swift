import Foundation
import IR

/// An ONNX model read from disk and checked for structural soundness, ready to report on and
/// import.
///
/// ```swift
/// let model = try ONNXModelFile.load(url)
/// let report = model.supportReport()      // what vggc cannot compile, if anything
/// let graph = try model.importGraph()          // typed graph IR; throws if the report is not empty
/// ```
public struct ONNXModelFile: Sendable {
    /// Where the model was read from; external data is relative to its directory.
    public let url: URL
    let model: Onnx_ModelProto
    let structure: GraphStructure
    let decoder: TensorProtoDecoder

    /// Reads a model in binary protobuf form or in ONNX's JSON form (chosen by a `.json`
    /// extension or a leading `{`), checks its external data references and its structure: a graph
    /// with inputs and outputs, each value defined once, every read value defined, no cycles (the
    /// nodes are sorted when the file lists them out of order), and every initializer holding
    /// exactly the bytes its dims need. Throws `FrontendError`.
    ///
    /// The file is mapped, and a binary model's initializers keep their `raw_data` in the mapping
    /// (`MappedModelDecoder`): the weights are read once, when they are decoded, and their pages
    /// dropped behind them, so importing holds one copy of them.
    public static func load(_ url: URL) throws -> ONNXModelFile {
        let file = try MappedFile(url)
        let model = try decodeModel(file, json: url.pathExtension.lowercased() == "json"
                                        || FileContents.looksLikeJSON(file.bytes(in: 0..<file.count)))
        guard model.hasGraph else { throw FrontendError.emptyGraph(path: url.path, detail: "the model has no graph") }
        let structure = try GraphStructure(model.graph, path: url.path)
        let decoder = try checkedTensors(model.graph, nodes: structure.nodes, directory: url.deletingLastPathComponent(), file: file)
        return ONNXModelFile(url: url, model: model, structure: structure, decoder: decoder)
    }

    /// The default-domain opset the model imports, if it declares one.
    public var opsetVersion: Int? {
        model.opsetImport.first { $0.domain.isEmpty || $0.domain == "ai.onnx" }.map { Int($0.version) }
    }

    /// Every runtime-input dim the model leaves symbolic or open, in input and axis order.
    public var symbolicDimensions: [SymbolicDimension] {
        structure.runtimeInputs.flatMap { input -> [SymbolicDimension] in
            guard case .tensorType(let tensor)? = input.type.value else { return [] }
            return tensor.shape.dim.enumerated().compactMap { axis, dim in
                switch dim.value {
                case .dimValue?: return nil
                case .dimParam(let name)?: return SymbolicDimension(input: input.name, axis: axis, parameter: name)
                case nil: return SymbolicDimension(input: input.name, axis: axis, parameter: nil)
                }
            }
        }
    }

    /// Everything the model uses that vggc cannot compile, found in one pass over the model.
    public func supportReport() -> SupportReport {
        ONNXImporter(self).translate().report
    }

    /// Imports the model into the graph IR, binds open input dims through `options` and runs shape
    /// inference, so every value is typed. Throws `FrontendError.unsupported` with the full
    /// support report when the model uses anything vggc cannot compile, another `FrontendError`
    /// for malformed tensors, and `IRError` when shapes do not fit the ops.
    public func importGraph(_ options: ImportOptions = ImportOptions()) throws -> Graph {
        try ONNXImporter(self).importGraph(options)
    }

    private static func decodeModel(_ file: MappedFile, json: Bool) throws -> Onnx_ModelProto {
        do {
            return json ? try Onnx_ModelProto(jsonUTF8Data: file.bytes(in: 0..<file.count)) : try MappedModelDecoder.decode(file)
        } catch {
            throw FrontendError.notONNX(path: file.path, detail: "\(json ? "JSON" : "protobuf") decoding failed (\(error))")
        }
    }

    /// Checks the external data reference and the size of every initializer and Constant value;
    /// returns the decoder that reads them (and drops the pages of `file` they were read from).
    private static func checkedTensors(_ graph: Onnx_GraphProto, nodes: [ONNXNode], directory: URL,
                                       file: MappedFile) throws -> TensorProtoDecoder {
        let constantValues = nodes.filter { $0.isDefaultDomain && $0.proto.opType == "Constant" }.flatMap { node in
            node.proto.attribute.filter { $0.name == "value" }.map { (node.proto.output.first ?? node.name, $0.t) }
        }
        let tensors = graph.initializer.map { ($0.name, $0) } + constantValues
        var externalData = ExternalDataStore(directory: directory)
        for (name, tensor) in tensors where tensor.dataLocation == .external {
            try externalData.register(ExternalReference(tensor, name: name), tensor: name)
        }
        let decoder = TensorProtoDecoder(externalData: externalData, mappedFile: file)
        for (name, tensor) in tensors { try decoder.validate(tensor, name: name) }
        return decoder
    }
}
