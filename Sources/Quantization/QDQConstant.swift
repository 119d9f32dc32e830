import IR

/// A constant a pre-quantized (QDQ) model dequantizes: the stored integers of a weight or bias
/// initializer with the scales and zero points of its `DequantizeLinear` (one per slice along `axis`,
/// or one for the whole tensor).
package struct QDQConstant: Hashable, Sendable {
    /// int8 weights or int32 biases, as stored in the model.
    package var values: Tensor
    package var scales: [Float]
    package var zeroPoints: [Int32]
    package var axis: Int
    /// The float tensor the `DequantizeLinear` produces, which the stripped float graph holds.
    package var dequantized: Tensor

    /// Whether there is one scale for the whole tensor.
    package var isPerTensor: Bool { scales.count == 1 }

    /// The scale of slice `index` along the axis.
    package func scale(_ index: Int) -> Float { isPerTensor ? scales[0] : scales[index] }
}
