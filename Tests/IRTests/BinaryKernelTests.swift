import TestSupport
import Testing
@testable import IR

/// Broadcasting elementwise arithmetic against explicitly indexed loops.
struct BinaryKernelTests {
    @Test(arguments: [Op.add, .sub, .mul, .div])
    func broadcastsBothWays(_ op: Op) throws {
        let a = KernelTestSupport.randomTensor([2, 1, 4], seed: 21)
        let b = KernelTestSupport.randomTensor([3, 1], seed: 22)
        let y = try KernelTestSupport.evaluate(op, [a, b])
        #expect(y.shape == [2, 3, 4])
        var expected = [Float]()
        for i in 0..<2 {
            for j in 0..<3 {
                for k in 0..<4 {
                    let (x, z) = (a.floats[i * 4 + k], b.floats[j])
                    switch op {
                    case .add: expected.append(x + z)
                    case .sub: expected.append(x - z)
                    case .mul: expected.append(x * z)
                    default: expected.append(x / z)
                    }
                }
            }
        }
        KernelTestSupport.expectClose(y.floats, expected, tolerance: 1e-6)
    }

    @Test func scalarAndSameShape() throws {
        let a = Tensor(shape: [2, 2], floats: [1, 2, 3, 4])
        #expect(try KernelTestSupport.evaluate(.mul, [a, Tensor(shape: [], floats: [3])]).floats == [3, 6, 9, 12])
        #expect(try KernelTestSupport.evaluate(.sub, [Tensor(shape: [1], floats: [10]), a]).floats == [9, 8, 7, 6])
        #expect(try KernelTestSupport.evaluate(.add, [a, a]).floats == [2, 4, 6, 8])
    }

    @Test func integerShapeArithmetic() throws {
        let a = Tensor(shape: [3], int64s: [7, -7, 9])
        let y = try KernelTestSupport.evaluate(.div, [a, Tensor(shape: [], int64s: [2])])
        #expect(y.data == .int64([3, -3, 4]))
        #expect(throws: IRError.self) { try KernelTestSupport.evaluate(.div, [a, Tensor(shape: [1], int64s: [0])]) }
    }

    @Test func rejectsIncompatibleShapesAndTypes() {
        let a = KernelTestSupport.randomTensor([2, 3], seed: 1)
        #expect(throws: IRError.self) { try KernelTestSupport.evaluate(.add, [a, KernelTestSupport.randomTensor([2], seed: 2)]) }
        #expect(throws: IRError.self) { try KernelTestSupport.evaluate(.add, [a, Tensor(shape: [1], int64s: [1])]) }
    }
}
