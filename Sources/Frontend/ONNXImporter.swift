import IR

/// Turns a loaded ONNX model into the graph IR. One pass over the model translates every node and
/// collects everything unsupported; import proceeds only when nothing was.
struct ONNXImporter {
    /// The default-domain opsets vggc reads.
    static let supportedOpsets = 6...24

    let file: ONNXModelFile

    init(_ file: ONNXModelFile) {
        self.file = file
    }

    private var graph: Onnx_GraphProto { file.model.graph }

    /// The support report and, for every node in topological order that translates, its
    /// translation. A node whose constant operand is malformed is reported with the error's text
    /// (loading has already checked every tensor, so this does not happen for loaded models).
    func translate() -> (report: SupportReport, translations: [Translation]) {
        var issues = opsetIssues() + inputIssues() + initializerIssues()
        let translator = NodeTranslator(context: context())
        var translations: [Translation] = []
        for node in file.structure.nodes {
            do {
                translations.append(try translator.translate(node))
            } catch let feature as UnsupportedFeature {
                issues.append(SupportIssue(node: node.name, opType: node.qualifiedOpType, reason: feature.reason))
            } catch {
                issues.append(SupportIssue(node: node.name, opType: node.qualifiedOpType, reason: error.localizedDescription))
            }
        }
        return (SupportReport(issues: issues), translations)
    }

    /// The typed graph IR; see `ONNXModelFile.importGraph`.
    func importGraph(_ options: ImportOptions) throws -> Graph {
        let (report, translations) = translate()
        guard report.isSupported else { throw FrontendError.unsupported(report) }
        let inputs = try boundInputs(options)
        var initializers: [String: Tensor] = [:]
        for tensor in graph.initializer {
            initializers[tensor.name] = try file.decoder.decode(tensor, name: tensor.name)
        }
        for translation in translations {
            initializers.merge(translation.constants) { _, introduced in introduced }
        }
        let imported = Graph(name: graphName,
                             inputs: inputs,
                             outputs: graph.output.map(\.name),
                             initializers: initializers,
                             nodes: translations.compactMap(\.node))
        return Self.normalizingConcatAxes(try ShapeInference.infer(imported))
    }

    /// The graph's name, or the model file's name without extension when the graph has none.
    private var graphName: String {
        graph.name.isEmpty ? file.url.deletingPathExtension().lastPathComponent : graph.name
    }

    private func context() -> TranslationContext {
        let defined = Set(graph.initializer.map(\.name) + graph.input.map(\.name)
                          + file.structure.nodes.flatMap(\.proto.output))
        return TranslationContext(
            opset: file.opsetVersion ?? 0,
            constants: ConstantTable(graph: graph, nodes: file.structure.nodes, decoder: file.decoder),
            declaredShapes: TranslationContext.declaredShapes(graph),
            declaredElementTypes: TranslationContext.declaredElementTypes(graph),
            definedNames: defined,
            runtimeInputs: Set(graph.input.map(\.name)).subtracting(graph.initializer.map(\.name)))
    }

    private func opsetIssues() -> [SupportIssue] {
        guard let opset = file.opsetVersion else {
            return [SupportIssue(node: "", opType: "<model>", reason: "the model imports no default-domain (ai.onnx) opset")]
        }
        guard Self.supportedOpsets.contains(opset) else {
            return [SupportIssue(node: "", opType: "<model>",
                                 reason: "opset \(opset) is outside the supported range \(Self.supportedOpsets.lowerBound) to \(Self.supportedOpsets.upperBound)")]
        }
        return []
    }

    private func initializerIssues() -> [SupportIssue] {
        let dense = graph.initializer.compactMap { tensor -> SupportIssue? in
            guard ONNXElementType.dataType(tensor.dataType) == nil else { return nil }
            return SupportIssue(node: tensor.name, opType: "<initializer>",
                                reason: "unsupported data type \(ONNXElementType.name(tensor.dataType))")
        }
        let sparse = graph.sparseInitializer.map {
            SupportIssue(node: $0.values.name, opType: "<initializer>", reason: "sparse initializers are not supported")
        }
        return dense + sparse
    }

    /// `graph` with every negative concat axis made non-negative, as `Op.concat` documents; the
    /// inferred types give the ranks.
    private static func normalizingConcatAxes(_ graph: Graph) -> Graph {
        var normalized = graph
        for index in normalized.nodes.indices {
            let node = normalized.nodes[index]
            guard case .concat(let axis) = node.op, axis < 0,
                  let rank = node.inputs.first.flatMap({ graph.types[$0] })?.shape.rank else { continue }
            normalized.nodes[index].op = .concat(axis: axis + rank)
        }
        return normalized
    }
}
