import IR

extension QuantizedOp {
    /// The operator's name as the quantized graph printer writes it (`Conv`, `LookupTable`, …).
    public var operatorName: String {
        switch self {
        case .conv: return "Conv"
        case .fullyConnected: return "FullyConnected"
        case .maxPool: return "MaxPool"
        case .averagePool: return "AveragePool"
        case .globalAveragePool: return "GlobalAveragePool"
        case .globalMaxPool: return "GlobalMaxPool"
        case .add: return "Add"
        case .concat: return "Concat"
        case .multiply: return "Multiply"
        case .sliceChannels: return "SliceChannels"
        case .channelShuffle: return "ChannelShuffle"
        case .lookupTable: return "LookupTable"
        case .piecewiseLinearSigmoid: return "PiecewiseLinearSigmoid"
        case .clamp: return "Clamp"
        case .reshape: return "Reshape"
        case .pad: return "Pad"
        }
    }
}
