import TestSupport
import Testing
@testable import IR

/// QuantizeLinear rounding (half to even), saturation and per-axis parameters; DequantizeLinear.
struct QuantizeKernelTests {
    @Test func roundsHalfToEvenAndSaturates() throws {
        let x = Tensor(shape: [8], floats: [0.5, 1.5, 2.5, -0.5, -1.5, 0.49, 300, -300])
        let scale = Tensor(shape: [], floats: [1])
        let unsigned = try KernelTestSupport.evaluate(.quantizeLinear(axis: 1), [x, scale, nil])
        #expect(unsigned.data == .uint8([0, 2, 2, 0, 0, 0, 255, 0]))
        let zeroPoint = Tensor(shape: [], data: .int8([0]))
        let signed = try KernelTestSupport.evaluate(.quantizeLinear(axis: 1), [x, scale, zeroPoint])
        #expect(signed.data == .int8([0, 2, 2, 0, -2, 0, 127, -128]))
    }

    @Test func perAxisScaleAndZeroPoint() throws {
        let x = Tensor(shape: [2, 2], floats: [1, 2, 3, 4])
        let scale = Tensor(shape: [2], floats: [0.5, 2])
        let zeroPoint = Tensor(shape: [2], data: .uint8([10, 100]))
        let q = try KernelTestSupport.evaluate(.quantizeLinear(axis: 0), [x, scale, zeroPoint])
        #expect(q.data == .uint8([12, 14, 102, 102]))
        let back = try KernelTestSupport.evaluate(.dequantizeLinear(axis: 0), [q, scale, zeroPoint])
        #expect(back.floats == [1, 2, 4, 4])
    }

    @Test func dequantizeSigned() throws {
        let q = Tensor(shape: [3], data: .int8([-128, 0, 127]))
        let y = try KernelTestSupport.evaluate(.dequantizeLinear(axis: 1),
                                               [q, Tensor(shape: [], floats: [0.5]), Tensor(shape: [], data: .int8([-1]))])
        #expect(y.floats == [-63.5, 0.5, 64])
    }
}
