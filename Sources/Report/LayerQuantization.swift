import IR
import Quantization

/// What the report shows of one quantized layer: the scale and zero point of its inputs and output,
/// and for a convolution or fully-connected layer its weight scales, how it requantizes, and the
/// histogram of its stored weights.
public struct LayerQuantization: Hashable, Sendable {
    /// A convolution's or fully-connected layer's weights.
    public struct Weights: Hashable, Sendable {
        /// Output channels, and how many weight scales there are (1 per tensor, else one a channel).
        public var channels: Int
        public var scaleCount: Int
        public var minimumScale: Float
        public var maximumScale: Float
        /// `Requantization`, in words.
        public var requantization: String
        public var histogram: WeightHistogram
    }

    public var name: String
    /// The operator (`Conv`, `MaxPool`, …).
    public var op: String
    /// The parameters of each input, in order (the graph input's for the first layer).
    public var inputs: [QuantParams]
    public var output: QuantParams
    public var weights: Weights?

    /// The report's view of `layer`, whose inputs have `inputs`' parameters.
    public init(layer: QuantizedLayer, inputs: [QuantParams]) {
        name = layer.name
        op = layer.op.operatorName
        self.inputs = inputs
        output = layer.params
        weights = layer.op.quantizedConv.map { conv in
            Weights(channels: conv.outputChannels, scaleCount: conv.weightScales.count,
                    minimumScale: conv.weightScales.min() ?? 0, maximumScale: conv.weightScales.max() ?? 0,
                    requantization: Self.describe(conv.requantization), histogram: WeightHistogram(weights: conv.weight))
        }
    }

    /// One entry per layer of `graph`, in order, each input's parameters found by its value name.
    public static func layers(of graph: QuantizedGraph) -> [LayerQuantization] {
        var producers = [graph.input.name: graph.input.params]
        return graph.layers.map { layer in
            let entry = LayerQuantization(layer: layer, inputs: layer.inputs.compactMap { producers[$0] })
            producers[layer.output] = layer.params
            return entry
        }
    }

    /// `multiplier m/2^s (≈ real)` for one multiplier, the real and shift ranges for several,
    /// `shift n`, or `CU scale s/2^16`.
    public static func describe(_ requantization: Requantization) -> String {
        switch requantization {
        case .multiplier(let multipliers):
            guard multipliers.count > 1 else {
                guard let only = multipliers.first else { return "multiplier (none)" }
                return "multiplier \(only) (≈ \(ReportFormat.scientific(only.realValue)))"
            }
            let reals = multipliers.map(\.realValue), shifts = multipliers.map(\.shift)
            return "\(multipliers.count) multipliers ≈ \(ReportFormat.scientific(reals.min()!))…\(ReportFormat.scientific(reals.max()!)), "
                + "shifts \(shifts.min()!)…\(shifts.max()!)"
        case .shift(let shift):
            return shift >= 0 ? "rounding right shift by \(shift)" : "saturating left shift by \(-shift)"
        case .cuScale(let scale):
            return "CU scale \(scale)/2^16 (≈ \(ReportFormat.scientific(Double(scale) / 65536)))"
        }
    }
}
