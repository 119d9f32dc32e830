/// The weight and bias of a convolution or fully-connected layer with a following inference-mode
/// batch normalisation folded in. Computed in double precision.
package struct FoldedLayer {
    package let weight: Tensor
    package let bias: Tensor

    /// `normalization` holds the BN operands `scale`, `B`, `mean`, `var`; a `nil` bias is zero.
    /// Returns `nil` unless each has one element per output channel (axis 0 of `weight`), as does
    /// `bias` when present.
    package init?(weight: Tensor, bias: Tensor?, epsilon: Float, normalization: [Tensor]) {
        let channels = weight.shape.rank > 0 ? weight.shape[0] : 0
        guard channels > 0, bias.map({ $0.shape.elementCount == channels }) ?? true, normalization.count == 4,
              normalization.allSatisfy({ $0.shape.elementCount == channels })
        else { return nil }
        let (scale, shift, mean, variance) = (normalization[0].floats, normalization[1].floats,
                                              normalization[2].floats, normalization[3].floats)
        let factors = (0..<channels).map { Double(scale[$0]) / (Double(variance[$0]) + Double(epsilon)).squareRoot() }
        let oldBias = bias?.floats ?? [Float](repeating: 0, count: channels)
        self.bias = Tensor(shape: [channels], floats: (0..<channels).map { channel in
            Float(factors[channel] * (Double(oldBias[channel]) - Double(mean[channel])) + Double(shift[channel]))
        })
        let values = weight.floats
        let sliceSize = values.count / channels
        self.weight = Tensor(shape: weight.shape, floats: values.indices.map { index in
            Float(Double(values[index]) * factors[index / sliceSize])
        })
    }
}
