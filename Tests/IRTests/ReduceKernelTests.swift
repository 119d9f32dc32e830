@testable import IR
import Testing

@Suite("ReduceKernel")
struct ReduceKernelTests {
    /// `[2, 2, 3]` holding 0…11.
    let values = (0..<12).map(Float.init)

    @Test func meanOverTheLastAxes() {
        #expect(ReduceKernel.mean(values, shape: [2, 2, 3], axes: [1, 2]) == [2.5, 8.5])
    }

    @Test func meanOverTheMiddleAxis() {
        // [[0,1,2],[3,4,5]] → [1.5, 2.5, 3.5]; [[6,7,8],[9,10,11]] → [7.5, 8.5, 9.5].
        #expect(ReduceKernel.mean(values, shape: [2, 2, 3], axes: [1]) == [1.5, 2.5, 3.5, 7.5, 8.5, 9.5])
    }

    @Test func meanOverEveryAxis() {
        #expect(ReduceKernel.mean(values, shape: [2, 2, 3], axes: [0, 1, 2]) == [5.5])
    }
}
