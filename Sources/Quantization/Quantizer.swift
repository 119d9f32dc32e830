import IR

/// Post-training quantization: turns a canonical float graph (after `PassPipeline.standard`: conv
/// and fully-connected layers with fused ReLU/Clip, BatchNorm folded) into a `QuantizedGraph`.
public enum Quantizer {
    /// Quantizes `graph` with `ranges` (the real range of the graph input and of every node output,
    /// from `Calibrator` or `DataFreeCalibration`) under `options`.
    ///
    /// The graph is consumed: each float constant is released once the last node reading it is
    /// quantized, so a caller that hands over its only copy never holds a float weight and its int8
    /// form beside every other weight (VGG16's fp32 weights are 528 MiB).
    ///
    /// Throws `IRError.invalidOperand` naming the node for an op that cannot be quantized
    /// (Gather or arithmetic on activations, a Softmax that is not the graph's last op, …), for a
    /// value without a range, and for parameters the mode cannot represent (a bias beyond int32, a
    /// `vgg16-cu` scale above 16 bits). Nothing falls back to float silently.
    ///
    /// `channelMeans` (from `Calibrator.channelMeans()`, calibration on images) holds the mean of
    /// each channel of the values it names; each convolution and fully-connected layer reading one
    /// of them has its bias corrected for the expected error its quantized weights make on inputs of
    /// those means (bias correction, docs/NUMERICS.md).
    public static func quantize(_ graph: consuming Graph, ranges: [String: ClosedRange<Float>],
                                options: QuantizationOptions, channelMeans: [String: [Float]] = [:]) throws -> QuantizedGraph {
        let nodes = graph.nodes
        let lastReaders = graph.lastReaders()
        var builder = try QuantizedGraphBuilder(graph: consume graph, ranges: ranges, options: options, channelMeans: channelMeans)
        for (index, node) in nodes.enumerated() {
            try builder.add(node)
            builder.releaseConstants(readLastBy: node, at: index, lastReaders: lastReaders)
        }
        return try builder.finish()
    }
}
