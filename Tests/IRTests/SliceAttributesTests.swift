@testable import IR
import Testing

@Suite("SliceAttributes")
struct SliceAttributesTests {
    let node = Node(name: "slice", op: .identity, inputs: ["x"], outputs: ["y"])

    @Test func resolvesBoundsAsONNXClampsThem() throws {
        // Axis 1 of 10: start −3 → 7, end "to the end" (INT64_MAX) → 10, step 2: 7, 9.
        // Axis 2 of 5: start 4 → 4, end −10 (before the start) with step −2: 4, 2, 0.
        let slice = SliceAttributes(starts: [-3, 4], ends: [Int.max, -10], axes: [1, -1], steps: [2, -2])
        let ranges = try slice.ranges(for: [2, 10, 5], node: node)
        #expect(ranges == [.init(start: 0, count: 2, step: 1), .init(start: 7, count: 2, step: 2), .init(start: 4, count: 3, step: -2)])
    }

    @Test func emptyWhenTheEndPrecedesTheStart() throws {
        let ranges = try SliceAttributes(starts: [5], ends: [2], axes: [0], steps: [1]).ranges(for: [8], node: node)
        #expect(ranges == [.init(start: 5, count: 0, step: 1)])
    }

    @Test func refusesAZeroStepAndARepeatedAxis() {
        #expect(throws: IRError.self) { try SliceAttributes(starts: [0], ends: [1], axes: [0], steps: [0]).ranges(for: [4], node: node) }
        #expect(throws: IRError.self) {
            try SliceAttributes(starts: [0, 0], ends: [1, 1], axes: [0, -1], steps: [1, 1]).ranges(for: [4], node: node)
        }
    }
}
