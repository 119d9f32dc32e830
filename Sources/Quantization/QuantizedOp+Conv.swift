extension QuantizedOp {
    /// The `QuantizedConv` of a convolution or fully-connected layer; `nil` for every other op.
    package var quantizedConv: QuantizedConv? {
        switch self {
        case .conv(let conv), .fullyConnected(let conv): return conv
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .add, .concat, .multiply, .lookupTable,
             .piecewiseLinearSigmoid, .clamp, .reshape, .sliceChannels, .channelShuffle, .pad:
            return nil
        }
    }

    /// The op with its `QuantizedConv` replaced (convolution and fully-connected layers); every
    /// other op unchanged.
    package func replacingConv(_ conv: QuantizedConv) -> QuantizedOp {
        switch self {
        case .conv: return .conv(conv)
        case .fullyConnected: return .fullyConnected(conv)
        case .maxPool, .averagePool, .globalAveragePool, .globalMaxPool, .add, .concat, .multiply, .lookupTable,
             .piecewiseLinearSigmoid, .clamp, .reshape, .sliceChannels, .channelShuffle, .pad:
            return self
        }
    }
}
