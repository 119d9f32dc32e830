import IR

/// What the host does around the accelerator: quantize the float input and turn stored outputs
/// back into floats. The integer reference interpreter and the runtime share these.
extension QuantizedGraph {
    /// The input quantized as the host does: `clamp(round_half_even(x / scale) + zeroPoint)` to the
    /// storage range. Throws `IRError.badGraphInput` for a tensor of another type or shape.
    public func quantizeInput(_ tensor: Tensor) throws -> [Int32] {
        guard tensor.type == TensorType(.float32, Shape(input.dims)) else {
            throw IRError.badGraphInput(name: input.name, detail: "expected \(TensorType(.float32, Shape(input.dims))), got \(tensor.type)")
        }
        let range = arithmetic.storageRange
        return tensor.floats.map { input.params.quantize($0, into: range) }
    }
}

extension QuantizedOutput {
    /// `stored` dequantized (`scale × (q − zeroPoint)`), and the host softmax of those values
    /// when the float graph ended in one (else `nil`).
    public func hostValues(stored: [Int32]) -> (dequantized: [Float], softmax: [Float]?) {
        let values = stored.map { params.dequantize($0) }
        guard let hostSoftmax else { return (values, nil) }
        let shape = Shape(dims)
        let axis = hostSoftmax.axis < 0 ? hostSoftmax.axis + shape.rank : hostSoftmax.axis
        return (values, SoftmaxKernel.softmax(values, shape: shape, axis: axis, coerce2D: hostSoftmax.coerce2D))
    }
}
