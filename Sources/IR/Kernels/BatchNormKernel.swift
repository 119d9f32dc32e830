/// Inference-mode batch normalisation: `y = scale * (x - mean) / sqrt(var + epsilon) + bias` per
/// channel (axis 1).
package enum BatchNormKernel {
    package static func normalize(_ x: [Float], shape: Shape, scale: [Float], bias: [Float], mean: [Float],
                          variance: [Float], epsilon: Float) -> [Float] {
        let channels = shape[1]
        let inner = shape.dims[2...].reduce(1, *)
        let factors = (0..<channels).map { scale[$0] / (variance[$0] + epsilon).squareRoot() }
        let shifts = (0..<channels).map { bias[$0] - mean[$0] * factors[$0] }
        return x.indices.map { index in
            let channel = index / inner % channels
            return x[index] * factors[channel] + shifts[channel]
        }
    }
}
