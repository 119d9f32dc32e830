import TestSupport
import Testing
@testable import IR

/// The evaluator's in-place path: an elementwise op given the only reference to an operand
/// computes in that operand's buffer; given a shared one, it leaves the caller's tensor intact.
struct EvaluatorTests {
    private static let operand = Tensor(shape: [2, 3], floats: [1, 2, 3, 4, 5, 6])

    /// The values in a buffer allocated at run time: a release build keeps an array literal's elements in
    /// static storage, which is never uniquely referenced, so it would be copied before any write.
    private static func onHeap(_ values: [Float]) -> [Float] { values.map { $0 } }

    @Test func computesInTheBufferOfATakenOperand() throws {
        // 10 − x with x the right operand and 10 broadcast: the operand order survives in place.
        var inputs: [Tensor?] = [Tensor(shape: [1], floats: [10]), Tensor(shape: [2, 3], floats: Self.onHeap([1, 2, 3, 4, 5, 6]))]
        let address = inputs[1]?.data.storageAddress
        let node = Node(name: "n", op: .sub, inputs: ["ten", "x"], outputs: ["y"])
        let output = try Evaluator().evaluate(node, consuming: &inputs)[0]
        #expect(output == Tensor(shape: [2, 3], floats: [9, 8, 7, 6, 5, 4]))
        #expect(output.data.storageAddress == address)
        #expect(inputs[1] == nil)
    }

    @Test func broadcastsAPerRowOperandInPlace() throws {
        var inputs: [Tensor?] = [Tensor(shape: [2, 3], floats: Self.onHeap([1, 2, 3, 4, 5, 6])), Tensor(shape: [2, 1], floats: [10, 100])]
        let address = inputs[0]?.data.storageAddress
        let output = try Evaluator().evaluate(Node(name: "n", op: .mul, inputs: ["x", "rows"], outputs: ["y"]), consuming: &inputs)[0]
        #expect(output == Tensor(shape: [2, 3], floats: [10, 20, 30, 400, 500, 600]))
        #expect(output.data.storageAddress == address)
    }

    @Test func activationRunsInPlace() throws {
        var inputs: [Tensor?] = [Tensor(shape: [4], floats: Self.onHeap([-2, -0.5, 0.5, 2]))]
        let address = inputs[0]?.data.storageAddress
        let output = try Evaluator().evaluate(Node(name: "n", op: .relu, inputs: ["x"], outputs: ["y"]), consuming: &inputs)[0]
        #expect(output == Tensor(shape: [4], floats: [0, 0, 0.5, 2]))
        #expect(output.data.storageAddress == address)
    }

    @Test func leavesASharedOperandUnchanged() throws {
        let shared = Self.operand
        let output = try Evaluator().evaluate(Node(name: "n", op: .add, inputs: ["x", "x"], outputs: ["y"]), [shared, shared])[0]
        #expect(output == Tensor(shape: [2, 3], floats: [2, 4, 6, 8, 10, 12]))
        #expect(shared == Tensor(shape: [2, 3], floats: [1, 2, 3, 4, 5, 6]))
        #expect(output.data.storageAddress != shared.data.storageAddress)
    }

    @Test func broadcastingBothOperandsMakesANewTensor() throws {
        // [2, 1] + [1, 3]: neither operand has the output's shape.
        var inputs: [Tensor?] = [Tensor(shape: [2, 1], floats: [10, 20]), Tensor(shape: [1, 3], floats: [1, 2, 3])]
        let output = try Evaluator().evaluate(Node(name: "n", op: .add, inputs: ["a", "b"], outputs: ["y"]), consuming: &inputs)[0]
        #expect(output == Tensor(shape: [2, 3], floats: [11, 12, 13, 21, 22, 23]))
        #expect(inputs.allSatisfy { $0 != nil })
    }
}
