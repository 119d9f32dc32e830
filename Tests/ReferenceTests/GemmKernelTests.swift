@testable import Reference
import TestSupport
import Testing
@testable import IR

/// Gemm, MatMul and the fully-connected layer against naive triple loops.
struct GemmKernelTests {
    /// `C[i, j] = sum_p A[i, p] * B[p, j]` for row-major A `[m, k]` and B `[k, n]`.
    static func naiveProduct(_ a: [Float], _ b: [Float], m: Int, k: Int, n: Int) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m { for j in 0..<n { for p in 0..<k { c[i * n + j] += a[i * k + p] * b[p * n + j] } } }
        return c
    }

    static func naiveTranspose(_ a: [Float], rows: Int, columns: Int) -> [Float] {
        (0..<(rows * columns)).map { index in a[(index % rows) * columns + index / rows] }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func gemmFlagsAndBroadcastBias(transA: Bool, transB: Bool) throws {
        let (m, k, n) = (3, 5, 4)
        let a = KernelTestSupport.randomTensor(transA ? [k, m] : [m, k], seed: 11)
        let b = KernelTestSupport.randomTensor(transB ? [n, k] : [k, n], seed: 12)
        let c = KernelTestSupport.randomTensor([n], seed: 13)
        let attributes = GemmAttributes(alpha: 0.5, beta: 2, transA: transA, transB: transB)
        let y = try KernelTestSupport.evaluate(.gemm(attributes), [a, b, c])
        let plainA = transA ? Self.naiveTranspose(a.floats, rows: k, columns: m) : a.floats
        let plainB = transB ? Self.naiveTranspose(b.floats, rows: n, columns: k) : b.floats
        let product = Self.naiveProduct(plainA, plainB, m: m, k: k, n: n)
        let expected = product.indices.map { 0.5 * product[$0] + 2 * c.floats[$0 % n] }
        #expect(y.shape == [m, n])
        KernelTestSupport.expectClose(y.floats, expected)
    }

    @Test func gemmSingleRowUsesMatrixVectorPath() throws {
        let a = KernelTestSupport.randomTensor([1, 7], seed: 1)
        for transB in [false, true] {
            let b = KernelTestSupport.randomTensor(transB ? [5, 7] : [7, 5], seed: 2)
            let y = try KernelTestSupport.evaluate(.gemm(GemmAttributes(transB: transB)), [a, b, nil])
            let plainB = transB ? Self.naiveTranspose(b.floats, rows: 5, columns: 7) : b.floats
            KernelTestSupport.expectClose(y.floats, Self.naiveProduct(a.floats, plainB, m: 1, k: 7, n: 5))
        }
    }

    @Test func gemmRejectsInnerMismatch() {
        let a = KernelTestSupport.randomTensor([2, 3], seed: 1)
        let b = KernelTestSupport.randomTensor([4, 2], seed: 2)
        #expect(throws: IRError.self) { try KernelTestSupport.evaluate(.gemm(GemmAttributes()), [a, b]) }
    }

    @Test func matMulBroadcastsBatchAxes() throws {
        let a = KernelTestSupport.randomTensor([2, 1, 3, 4], seed: 3)
        let b = KernelTestSupport.randomTensor([3, 4, 2], seed: 4)
        let y = try KernelTestSupport.evaluate(.matMul, [a, b])
        #expect(y.shape == [2, 3, 3, 2])
        var expected = [Float]()
        for i in 0..<2 {
            for j in 0..<3 {
                expected += Self.naiveProduct(Array(a.floats[(i * 12)..<(i * 12 + 12)]), Array(b.floats[(j * 8)..<(j * 8 + 8)]),
                                              m: 3, k: 4, n: 2)
            }
        }
        KernelTestSupport.expectClose(y.floats, expected)
    }

    @Test func matMulVectorOperands() throws {
        let matrix = KernelTestSupport.randomTensor([3, 4], seed: 5)
        let left = KernelTestSupport.randomTensor([3], seed: 6)
        let right = KernelTestSupport.randomTensor([4], seed: 7)
        let vm = try KernelTestSupport.evaluate(.matMul, [left, matrix])
        #expect(vm.shape == [4])
        KernelTestSupport.expectClose(vm.floats, Self.naiveProduct(left.floats, matrix.floats, m: 1, k: 3, n: 4))
        let mv = try KernelTestSupport.evaluate(.matMul, [matrix, right])
        #expect(mv.shape == [3])
        KernelTestSupport.expectClose(mv.floats, Self.naiveProduct(matrix.floats, right.floats, m: 3, k: 4, n: 1))
        let dot = try KernelTestSupport.evaluate(.matMul, [right, right])
        #expect(dot.shape == [])
        KernelTestSupport.expectClose(dot.floats, [right.floats.map { $0 * $0 }.reduce(0, +)])
    }

    @Test func fullyConnectedWithBiasAndRelu() throws {
        let x = KernelTestSupport.randomTensor([2, 6], seed: 8)
        let w = KernelTestSupport.randomTensor([5, 6], seed: 9)
        let b = KernelTestSupport.randomTensor([5], seed: 10)
        let y = try KernelTestSupport.evaluate(.fullyConnected(activation: .relu), [x, w, b])
        let product = Self.naiveProduct(x.floats, Self.naiveTranspose(w.floats, rows: 5, columns: 6), m: 2, k: 6, n: 5)
        KernelTestSupport.expectClose(y.floats, product.indices.map { max(0, product[$0] + b.floats[$0 % 5]) })
    }
}
