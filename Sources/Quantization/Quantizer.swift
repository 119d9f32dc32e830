import IR

/// Post-training quantization: turns a canonical float graph (after `PassPipeline.standard`: conv
/// and fully-connected layers with fused ReLU/Clip, BatchNorm folded) into a `QuantizedGraph`.
public enum Quantizer {
    /// Quantizes `graph` with `ranges` (the real range of the graph input and of every node output,
    /// from `Calibrator` or `DataFreeCalibration`) under `options`.
    ///
    /// Throws `IRError.invalidOperand` naming the node for an op that cannot be quantized (LRN,
    /// Gather or arithmetic on activations, a Softmax that is not the graph's last op, …), for a
    /// value without a range, and for parameters the mode cannot represent (a bias beyond int32, a
    /// `vgg16-cu` scale above 16 bits). Nothing falls back to float silently.
    ///
    /// `channelMeans` (from `Calibrator.channelMeans()`, calibration on images) holds the mean of
    /// each channel of the values it names; each convolution and fully-connected layer reading one
    /// of them has its bias corrected for the expected error its quantized weights make on inputs of
    /// those means (bias correction, docs/NUMERICS.md).
    public static func quantize(_ graph: Graph, ranges: [String: ClosedRange<Float>],
                                options: QuantizationOptions, channelMeans: [String: [Float]] = [:]) throws -> QuantizedGraph {
        var builder = try QuantizedGraphBuilder(graph: graph, ranges: ranges, options: options, channelMeans: channelMeans)
        for node in graph.nodes { try builder.add(node) }
        return try builder.finish()
    }
}
