import TestSupport
import Testing
@testable import IR

/// Cast between element types: truncation toward zero, wrapping narrowing, nonzero-is-true.
struct CastKernelTests {
    @Test func floatToIntegers() throws {
        let x = Tensor(shape: [5], floats: [-2.7, -0.5, 0.9, 3.99, 300])
        #expect(try KernelTestSupport.evaluate(.cast(to: .int64), [x]).data == .int64([-2, 0, 0, 3, 300]))
        #expect(try KernelTestSupport.evaluate(.cast(to: .int32), [x]).data == .int32([-2, 0, 0, 3, 300]))
        #expect(try KernelTestSupport.evaluate(.cast(to: .uint8), [x]).data == .uint8([254, 0, 0, 3, 44]))
        #expect(try KernelTestSupport.evaluate(.cast(to: .bool), [x]).data == .bool([true, true, true, true, true]))
    }

    @Test func integersAndBooleans() throws {
        let x = Tensor(shape: [3], int64s: [0, -1, 129])
        #expect(try KernelTestSupport.evaluate(.cast(to: .float32), [x]).floats == [0, -1, 129])
        #expect(try KernelTestSupport.evaluate(.cast(to: .int8), [x]).data == .int8([0, -1, -127]))
        #expect(try KernelTestSupport.evaluate(.cast(to: .bool), [x]).data == .bool([false, true, true]))
        let flags = Tensor(shape: [2], data: .bool([true, false]))
        #expect(try KernelTestSupport.evaluate(.cast(to: .int32), [flags]).data == .int32([1, 0]))
        #expect(try KernelTestSupport.evaluate(.cast(to: .float32), [flags]).floats == [1, 0])
    }
}
