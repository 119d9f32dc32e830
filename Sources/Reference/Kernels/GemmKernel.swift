import IR

/// Float matrix products through SGEMM: ONNX Gemm, MatMul with broadcast batch axes, and the
/// fully-connected layer with its bias and fused activation.
enum GemmKernel {
    /// `alpha * op(A) * op(B) + beta * C` with `C` (optional) broadcast to `[m, n]`.
    static func gemm(a: [Float], b: [Float], c: Tensor?, extents: (m: Int, k: Int, n: Int),
                     attributes: GemmAttributes) -> [Float] {
        let (m, k, n) = extents
        let output = Shape([m, n])
        var result = [Float](repeating: 0, count: m * n)
        var beta: Float = 0
        if let c {
            result = broadcast(c, to: output).map { attributes.beta * $0 }
            beta = 1
        }
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { result in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = result.baseAddress else { return }
                    Sgemm.multiply(m: m, n: n, k: k, alpha: attributes.alpha,
                                   a: a, lda: attributes.transA ? m : k, transposeA: attributes.transA,
                                   b: b, ldb: attributes.transB ? k : n, transposeB: attributes.transB,
                                   beta: beta, c: c, ldc: n)
                }
            }
        }
        return result
    }

    /// `Y[n, m] = activation(sum_k X[n, k] * W[m, k] + B[m])`.
    static func fullyConnected(x: [Float], w: [Float], bias: [Float]?, rows: Int, inputs: Int, outputs: Int,
                               activation: Activation?) -> [Float] {
        var result = [Float](repeating: 0, count: rows * outputs)
        x.withUnsafeBufferPointer { x in
            w.withUnsafeBufferPointer { w in
                result.withUnsafeMutableBufferPointer { result in
                    guard let x = x.baseAddress, let w = w.baseAddress, let y = result.baseAddress else { return }
                    Sgemm.multiply(m: rows, n: outputs, k: inputs, a: x, lda: inputs,
                                   b: w, ldb: inputs, transposeB: true, c: y, ldc: outputs)
                    ElementwiseKernel.addBiasAndActivate(result, channels: outputs, inner: 1,
                                                         bias: bias, activation: activation)
                }
            }
        }
        return result
    }

    /// ONNX MatMul: one SGEMM per broadcast batch index.
    static func matMul(a: Tensor, b: Tensor, layout: ShapeInference.MatMulLayout) -> [Float] {
        let (m, k, n) = (layout.m, layout.k, layout.n)
        let batches = layout.batch.elementCount
        let aStrides = Broadcasting.strides(of: layout.aBatch, broadcastTo: layout.batch)
        let bStrides = Broadcasting.strides(of: layout.bBatch, broadcastTo: layout.batch)
        let batchStrides = layout.batch.strides
        var result = [Float](repeating: 0, count: batches * m * n)
        a.floats.withUnsafeBufferPointer { a in
            b.floats.withUnsafeBufferPointer { b in
                result.withUnsafeMutableBufferPointer { result in
                    guard let a = a.baseAddress, let b = b.baseAddress, let c = result.baseAddress else { return }
                    for batch in 0..<batches {
                        var aIndex = 0
                        var bIndex = 0
                        for axis in 0..<layout.batch.rank {
                            let coordinate = batch / batchStrides[axis] % layout.batch[axis]
                            aIndex += coordinate * aStrides[axis]
                            bIndex += coordinate * bStrides[axis]
                        }
                        Sgemm.multiply(m: m, n: n, k: k, a: a + aIndex * m * k, lda: k, b: b + bIndex * k * n, ldb: n,
                                       c: c + batch * m * n, ldc: n)
                    }
                }
            }
        }
        return result
    }

    /// The elements of float tensor `c` broadcast to `shape`.
    private static func broadcast(_ c: Tensor, to shape: Shape) -> [Float] {
        BinaryKernel.apply(c.floats, c.shape, [0], [], to: shape) { x, _ in x }
    }
}
