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

    @Test func lookupTableIndexesByStoredValue() {
        let table = (0..<256).map { Int8(truncatingIfNeeded: 255 - $0) }
        #expect(IntegerElementwiseKernel.lookup([-128, -1, 0, 127], table: table) == [-1, -128, 127, 0])
    }

    @Test func clampBoundsBothSides() {
        #expect(IntegerElementwiseKernel.clamp([-128, -5, 0, 60, 127], to: -5...60) == [-5, -5, 0, 60, 60])
    }
}
