import Foundation
import COpenBLAS
import IR

/// Row-major single-precision matrix multiply through OpenBLAS:
/// `C[m, n] = alpha * op(A)[m, k] * op(B)[k, n] + beta * C`. The one place the float reference
/// hands raw pointers to BLAS.
enum Sgemm {
    /// Multiplies with explicit leading dimensions (elements between consecutive rows as stored).
    static func multiply(m: Int, n: Int, k: Int, alpha: Float = 1,
                         a: UnsafePointer<Float>, lda: Int, transposeA: Bool = false,
                         b: UnsafePointer<Float>, ldb: Int, transposeB: Bool = false,
                         beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = idleWorkersSleepSooner
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for row in 0..<m {
                let line = c + row * ldc
                for column in 0..<n { line[column] = beta == 0 ? 0 : beta * line[column] }
            }
            return
        }
        if m == 1 {
            // A single row is a matrix-vector product; SGEMV streams B once (fully-connected layers).
            cblas_sgemv(CblasRowMajor, transposeB ? CblasNoTrans : CblasTrans, blasint(transposeB ? n : k),
                        blasint(transposeB ? k : n), alpha, b, blasint(ldb), a, blasint(transposeA ? lda : 1),
                        beta, c, 1)
            return
        }
        cblas_sgemm(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// log2 of the cycles an idle OpenBLAS worker spins before it sleeps. OpenBLAS's own 2^28
    /// (about 0.1 s) kept a worker spinning, yielding the processor in a loop, through the gaps
    /// between products (the Winograd transforms and the statistics, which run on every core), and
    /// on 2 cores that took about a fifth of a VGG16 compile's processor time. 2^16 cycles (tens of
    /// microseconds) still spans the gap between the products of one Winograd block. Timing only:
    /// no product changes.
    static let idleSpinCyclesLog2 = 16

    /// Sets `idleSpinCyclesLog2` once, before the first product, unless the user set
    /// `OPENBLAS_THREAD_TIMEOUT`: OpenBLAS reads it only from the environment, so it is set there
    /// while OpenBLAS reads it again and removed after, and the workers restart with it.
    private static let idleWorkersSleepSooner: Void = {
        guard getenv("OPENBLAS_THREAD_TIMEOUT") == nil else { return }
        setenv("OPENBLAS_THREAD_TIMEOUT", String(idleSpinCyclesLog2), 0)
        openblas_read_env()
        unsetenv("OPENBLAS_THREAD_TIMEOUT")
        _ = blas_thread_shutdown_()
    }()
}
