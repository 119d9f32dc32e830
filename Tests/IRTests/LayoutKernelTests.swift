import TestSupport
import Testing
@testable import IR

/// Transpose, Concat, Pad and Gather against hand-worked examples (the Pad ones from the ONNX
/// operator documentation) and explicit index arithmetic.
struct LayoutKernelTests {
    private let matrix = Tensor(shape: [3, 2], floats: [1.0, 1.2, 2.3, 3.4, 4.5, 5.7])

    @Test func padModesFromOnnxDocumentation() throws {
        let pads = [0, 2, 0, 0]
        #expect(try KernelTestSupport.evaluate(.pad(mode: .constant, pads: pads, value: 0), [matrix]).floats
            == [0, 0, 1.0, 1.2, 0, 0, 2.3, 3.4, 0, 0, 4.5, 5.7])
        #expect(try KernelTestSupport.evaluate(.pad(mode: .reflect, pads: pads, value: 0), [matrix]).floats
            == [1.0, 1.2, 1.0, 1.2, 2.3, 3.4, 2.3, 3.4, 4.5, 5.7, 4.5, 5.7])
        #expect(try KernelTestSupport.evaluate(.pad(mode: .edge, pads: pads, value: 0), [matrix]).floats
            == [1.0, 1.0, 1.0, 1.2, 2.3, 2.3, 2.3, 3.4, 4.5, 4.5, 4.5, 5.7])
    }

    @Test func padReflectBothSidesAndNegativeCrop() throws {
        let row = Tensor(shape: [1, 4], floats: [1, 2, 3, 4])
        // numpy.pad([1, 2, 3, 4], (2, 3), mode="reflect") == [3, 2, 1, 2, 3, 4, 3, 2, 1]
        #expect(try KernelTestSupport.evaluate(.pad(mode: .reflect, pads: [0, 2, 0, 3], value: 0), [row]).floats
            == [3, 2, 1, 2, 3, 4, 3, 2, 1])
        let cropped = try KernelTestSupport.evaluate(.pad(mode: .constant, pads: [0, -1, 1, 1], value: 9), [row])
        #expect(cropped.shape == [2, 4])
        #expect(cropped.floats == [2, 3, 4, 9, 9, 9, 9, 9])
        // numpy.pad([1, 2, 3, 4], (7, 0), mode="reflect") reflects repeatedly.
        #expect(try KernelTestSupport.evaluate(.pad(mode: .reflect, pads: [0, 7, 0, 0], value: 0), [row]).floats
            == [2, 1, 2, 3, 4, 3, 2, 1, 2, 3, 4])
        #expect(throws: IRError.self) {
            try KernelTestSupport.evaluate(.pad(mode: .edge, pads: [0, 1, 0, 0], value: 0), [Tensor(shape: [1, 0], floats: [])])
        }
    }

    @Test func transposeFollowsPermutation() throws {
        let x = KernelTestSupport.randomTensor([2, 3, 4], seed: 61)
        let y = try KernelTestSupport.evaluate(.transpose(perm: [1, 2, 0]), [x])
        #expect(y.shape == [3, 4, 2])
        var expected = [Float]()
        for j in 0..<3 { for k in 0..<4 { for i in 0..<2 { expected.append(x.floats[(i * 3 + j) * 4 + k]) } } }
        #expect(y.floats == expected)
        let reversed = try KernelTestSupport.evaluate(.transpose(perm: nil), [matrix])
        #expect(reversed.shape == [2, 3])
        #expect(reversed.floats == [1.0, 2.3, 4.5, 1.2, 3.4, 5.7])
    }

    @Test func concatAlongMiddleAxis() throws {
        let a = Tensor(shape: [2, 1, 2], int64s: [1, 2, 3, 4])
        let b = Tensor(shape: [2, 2, 2], int64s: [5, 6, 7, 8, 9, 10, 11, 12])
        let y = try KernelTestSupport.evaluate(.concat(axis: 1), [a, b])
        #expect(y.shape == [2, 3, 2])
        #expect(y.data == .int64([1, 2, 5, 6, 7, 8, 3, 4, 9, 10, 11, 12]))
    }

    @Test func sliceWithNegativeStep() throws {
        // [2, 4] holding 0…7: rows whole, columns 3, 1 (start −1, step −2).
        let x = Tensor(shape: [2, 4], int64s: Array(0..<8))
        let y = try KernelTestSupport.evaluate(.slice(SliceAttributes(starts: [-1], ends: [Int.min], axes: [1], steps: [-2])), [x])
        #expect(y.shape == [2, 2])
        #expect(y.data == .int64([3, 1, 7, 5]))
    }

    @Test func splitCutsSizedAndEqualParts() throws {
        let x = Tensor(shape: [1, 5, 1], int64s: Array(0..<5))
        let sized = try KernelTestSupport.evaluateAll(.split(axis: 1, sizes: [1, 4]), [x], outputs: 2)
        #expect(sized.map(\.data) == [.int64([0]), .int64([1, 2, 3, 4])])
        // ceil(5 / 3) = 2: parts of 2, 2 and 1.
        let equal = try KernelTestSupport.evaluateAll(.split(axis: -2, sizes: nil), [x], outputs: 3)
        #expect(equal.map(\.shape) == [[1, 2, 1], [1, 2, 1], [1, 1, 1]])
        #expect(equal.map(\.data) == [.int64([0, 1]), .int64([2, 3]), .int64([4])])
        #expect(throws: IRError.self) { try KernelTestSupport.evaluateAll(.split(axis: 1, sizes: [2, 2]), [x], outputs: 2) }
    }

    @Test func channelShuffleInterleavesTheGroups() throws {
        // Six channels of one element in groups of 3 ([[0,1],[2,3],[4,5]] transposed): 0, 2, 4, 1, 3, 5.
        let x = Tensor(shape: [1, 6, 1, 1], int64s: Array(0..<6))
        #expect(try KernelTestSupport.evaluate(.channelShuffle(groups: 3), [x]).data == .int64([0, 2, 4, 1, 3, 5]))
    }

    @Test func gatherWrapsNegativeIndices() throws {
        let indices = Tensor(shape: [2, 2], data: .int32([0, -1, 1, -3]))
        let y = try KernelTestSupport.evaluate(.gather(axis: 0), [matrix, indices])
        #expect(y.shape == [2, 2, 2])
        #expect(y.floats == [1.0, 1.2, 4.5, 5.7, 2.3, 3.4, 1.0, 1.2])
        let columns = try KernelTestSupport.evaluate(.gather(axis: -1), [matrix, Tensor(shape: [], int64s: [-1])])
        #expect(columns.shape == [3])
        #expect(columns.floats == [1.2, 3.4, 5.7])
        #expect(throws: IRError.self) {
            try KernelTestSupport.evaluate(.gather(axis: 0), [matrix, Tensor(shape: [1], int64s: [3])])
        }
    }

    @Test func reshapeFamilyKeepsElements() throws {
        let x = KernelTestSupport.randomTensor([2, 3, 4], seed: 62)
        let reshaped = try KernelTestSupport.evaluate(.reshape(allowZero: false), [x, Tensor(shape: [2], int64s: [0, -1])])
        #expect(reshaped.shape == [2, 12])
        #expect(reshaped.floats == x.floats)
        #expect(try KernelTestSupport.evaluate(.flatten(axis: 2), [x]).shape == [6, 4])
        #expect(try KernelTestSupport.evaluate(.unsqueeze(axes: [0, -1]), [x]).shape == [1, 2, 3, 4, 1])
        let dropout = try KernelTestSupport.evaluateAll(.dropout, [x], outputs: 2)
        #expect(dropout[0] == x)
        #expect(dropout[1].data == .bool([Bool](repeating: true, count: 24)))
    }

    @Test func shapeAndConstantOfShape() throws {
        let x = KernelTestSupport.randomTensor([2, 3, 4], seed: 63)
        #expect(try KernelTestSupport.evaluate(.shape(start: 0, end: nil), [x]).data == .int64([2, 3, 4]))
        #expect(try KernelTestSupport.evaluate(.shape(start: -2, end: -1), [x]).data == .int64([3]))
        let filled = try KernelTestSupport.evaluate(.constantOfShape(value: Tensor(shape: [1], int64s: [7])),
                                                    [Tensor(shape: [2], int64s: [2, 2])])
        #expect(filled == Tensor(shape: [2, 2], int64s: [7, 7, 7, 7]))
        let floats = try KernelTestSupport.evaluate(.constantOfShape(value: Tensor(shape: [1], floats: [0.02])),
                                                    [Tensor(shape: [1], int64s: [3])])
        #expect(floats == Tensor(shape: [3], floats: [0.02, 0.02, 0.02]))
    }
}
