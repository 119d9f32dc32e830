@testable import IR
import Testing
@testable import Quantization

@Suite("IntegerElementwiseKernel")
struct IntegerElementwiseKernelTests {
    @Test func addRescalesWithOneRoundingAndSaturates() throws {
        let rescales = [QuantizedRescale(zeroPoint: 4, multiplier: 1 << 29), QuantizedRescale(zeroPoint: -3, multiplier: 3 << 28)]
        let a = QuantizationTestSupport.randomIntegers(64, in: -128...127, seed: 21) + [5, 127, -128]
        let b = QuantizationTestSupport.randomIntegers(64, in: -128...127, seed: 22) + [-3, 127, -128]
        let output = IntegerElementwiseKernel.add([a, b], rescales: rescales, shift: 30, outputZeroPoint: 7, clamp: -128...127)
        let expected = zip(a, b).map { x, y -> Int64 in
            let sum = (Int64(x) - 4) * (1 << 29) + (Int64(y) + 3) * (3 << 28)
            return QuantizationTestSupport.clamp(7 + QuantizationTestSupport.roundHalfUp(sum, shift: 30), -128, 127)
        }
        #expect(output.map(Int64.init) == expected)
        // (5 − 4) / 2 + 0 = 0.5 rounds up to 1; then + 7.
        #expect(output[64] == 8)
        #expect(output[65] == 127)
        #expect(output[66] == -128)
    }

    @Test func multiplyBroadcastsTheGateOverEachPlane() {
        // a: [1, 2, 2, 2]; b: [1, 2, 1, 1]. m = 3 × 2^28, shift 30: × 0.75.
        let a: [Int32] = QuantizationTestSupport.randomIntegers(6, in: -128...127, seed: 31) + [127, -128]
        let b: [Int32] = [-128, 127]
        let output = IntegerElementwiseKernel.multiply(a, b, planeSize: 4, zeroPoints: (a: 3, b: -2), multiplier: 3 << 28,
                                                       shift: 30, outputZeroPoint: -5, clamp: -128...127)
        let expected = a.indices.map { index -> Int64 in
            let product = (Int64(a[index]) - 3) * (Int64(b[index / 4]) + 2)
            return QuantizationTestSupport.clamp(-5 + QuantizationTestSupport.roundHalfUp(product * (3 << 28), shift: 30), -128, 127)
        }
        #expect(output.map(Int64.init) == expected)
        // (127 − 3) × 129 × 0.75 saturates; (−128 − 3) × 129 × 0.75 too.
        #expect(output[6] == 127)
        #expect(output[7] == -128)
    }

    @Test func multiplyRoundsHalfUp() {
        // (1 − 0) × (1 − 0) × 2^29 / 2^30 = 0.5 → 1; (−1) × 1 × 0.5 = −0.5 → 0.
        let output = IntegerElementwiseKernel.multiply([1, -1], [1, 1], planeSize: 1, zeroPoints: (a: 0, b: 0), multiplier: 1 << 29,
                                                       shift: 30, outputZeroPoint: 0, clamp: -128...127)
        #expect(output == [1, 0])
    }

    @Test func lookupTableIndexesByStoredValue() {
        let table = (0..<256).map { Int8(truncatingIfNeeded: 255 - $0) }
        #expect(IntegerElementwiseKernel.lookup([-128, -1, 0, 127], table: table) == [-1, -128, 127, 0])
    }

    @Test func clampBoundsBothSides() {
        #expect(IntegerElementwiseKernel.clamp([-128, -5, 0, 60, 127], to: -5...60) == [-5, -5, 0, 60, 60])
    }
}
