import IR

/// Compiles models already quantized by ONNX Runtime's `quantize_static` in QDQ format
/// (QuantizeLinear/DequantizeLinear pairs around float ops, weights and biases as DequantizeLinear
/// of integer initializers) without recalibrating: the `QuantizedGraph` (default arithmetic) uses the
/// model's own scales, zero points and stored weights. uint8 activations become int8 by subtracting
/// 128 from values and zero points, which is exact.
///
/// Pattern matching runs on the imported graph, before the pass pipeline (constant folding would
/// otherwise turn the weights' DequantizeLinear into float initializers): `QDQGraph` removes the
/// QuantizeLinear/DequantizeLinear nodes and keeps their parameters, the standard pipeline then
/// canonicalizes the float graph, and `QDQGraphBuilder` builds the layers. A pattern the accelerator
/// cannot honour with the model's parameters is an `IRError.unsupportedQDQ` naming the node, never a
/// silent requantization.
public enum QDQQuantizer {
    /// Whether the imported graph is a pre-quantized model (has QuantizeLinear or DequantizeLinear).
    public static func isQuantized(_ graph: Graph) -> Bool {
        graph.nodes.contains {
            switch $0.op {
            case .quantizeLinear, .dequantizeLinear: return true
            case .conv, .fullyConnected, .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .reduceMean, .relu,
                 .leakyRelu, .clip, .sigmoid, .tanh, .hardSigmoid, .hardSwish, .swish, .softmax, .lrn, .batchNormalization,
                 .gemm, .matMul, .add, .sub, .mul, .div, .concat, .flatten, .reshape, .transpose, .squeeze, .unsqueeze,
                 .pad, .slice, .split, .channelShuffle, .dropout, .identity, .constantOfShape, .shape, .gather, .cast: return false
            }
        }
    }

    /// Quantizes an imported QDQ model (as `ONNXModelFile.importGraph()` returns it) with its own
    /// parameters, running shape inference and `PassPipeline.standard` (verified) itself.
    /// `options.arithmetic` must be `.standard`; the weight granularity is the model's.
    ///
    /// Throws `IRError.unsupportedQDQ` naming the node for: another arithmetic mode; a float op
    /// between quantized values (its output has no QuantizeLinear); an op the accelerator lacks;
    /// weights that are not int8 with zero point 0 per tensor or per output channel; an int32 bias
    /// whose scale is not input × weight scale; a quantized value the pipeline fuses away (a conv
    /// output quantized before its ReLU, a BatchNormalization after a quantized conv) unless it has
    /// the fused layer's output parameters; layout and max-pool ops whose output parameters differ
    /// from their input's.
    public static func quantize(imported: Graph, options: QuantizationOptions) throws -> QuantizedGraph {
        let qdq = try strip(imported: imported, options: options)
        return try quantize(canonical: try PassPipeline.standard.run(qdq.graph, verify: true) { _, _ in }, qdq: qdq)
    }

    /// The first half of `quantize(imported:options:)`, for a driver that runs the pass pipeline
    /// itself: refuses an arithmetic other than `.standard`, then takes the imported model apart.
    /// The pipeline runs on the result's `graph`; `quantize(canonical:qdq:)` finishes.
    package static func strip(imported: Graph, options: QuantizationOptions) throws -> QDQGraph {
        guard options.arithmetic == .standard else {
            throw IRError.unsupportedQDQ(node: imported.name, op: "graph",
                                         detail: "a pre-quantized model runs in the default arithmetic, not \(options.arithmetic.rawValue)")
        }
        return try QDQGraph(stripping: try ShapeInference.infer(imported))
    }

    /// The second half of `quantize(imported:options:)`: the layers of `canonical` (the pass
    /// pipeline's result on `qdq.graph`) with the model's own parameters.
    package static func quantize(canonical: Graph, qdq: QDQGraph) throws -> QuantizedGraph {
        try checkFusedQuantization(qdq, canonical: canonical)
        var builder = try QDQGraphBuilder(graph: canonical, qdq: qdq)
        for node in canonical.nodes { try builder.add(node) }
        return try builder.finish()
    }

    /// Every quantized activation the pipeline removed (fused into a layer, or a layout op
    /// canonicalized away) must carry the same parameters as the value that absorbed it: its only
    /// reader's output, followed until a value that survives. Otherwise the model requantizes
    /// inside what the accelerator computes as one layer.
    package static func checkFusedQuantization(_ qdq: QDQGraph, canonical: Graph) throws {
        let surviving = Set(canonical.nodes.flatMap(\.outputs)).union(canonical.inputs.map(\.name))
        let readers = qdq.graph.readers()
        let producers = qdq.graph.producers()
        for (value, params) in qdq.activations.sorted(by: { $0.key < $1.key }) where !surviving.contains(value) {
            var absorber = value
            while !surviving.contains(absorber), let reading = readers[absorber], reading.count == 1 {
                absorber = qdq.graph.nodes[reading[0]].outputs[0]
            }
            guard surviving.contains(absorber) || readers[absorber] == nil else {
                throw fusionError(value, params, producers: producers, qdq: qdq,
                                  detail: "several layers read it, and the pipeline removed it")
            }
            if let absorbed = qdq.activations[absorber], absorbed != params, surviving.contains(absorber) {
                throw fusionError(value, params, producers: producers, qdq: qdq,
                                  detail: "the pipeline fuses it into the layer producing '\(absorber)', quantized with scale \(absorbed.scale), zero point \(absorbed.zeroPoint); a fused layer requantizes once")
            }
        }
    }

    private static func fusionError(_ value: String, _ params: QuantParams, producers: [String: Int], qdq: QDQGraph,
                                    detail: String) -> IRError {
        let producer = producers[value].map { qdq.graph.nodes[$0] }
        return .unsupportedQDQ(node: producer?.name ?? value, op: producer?.op.operatorName ?? "value",
                               detail: "its output '\(value)' is quantized (scale \(params.scale), zero point \(params.zeroPoint)), but \(detail)")
    }
}
