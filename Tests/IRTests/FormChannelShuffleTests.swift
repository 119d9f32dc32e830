@testable import IR
import Testing

@Suite("FormChannelShuffle")
struct FormChannelShuffleTests {
    static func shuffle(perm: String) throws -> Graph {
        try PassTestSupport.parse("""
            graph shuffle
            input %x : f32[1,6,2,2]
            init %grouped : i64[5] = [1,2,3,2,2]
            init %merged : i64[4] = [1,6,2,2]
            %g = Reshape(%x, %grouped) {allow_zero=false} : f32[1,2,3,2,2]  # split_groups
            %t = Transpose(%g) {perm=\(perm)} : f32[1,3,2,2,2]  # swap
            %y = Reshape(%t, %merged) {allow_zero=false} : f32[1,6,2,2]  # merge
            output %y
            """)
    }

    @Test func reshapeTransposeReshapeBecomesOneShuffle() throws {
        let graph = try Self.shuffle(perm: "[0,2,1,3,4]")
        let formed = try PassTestSupport.apply([FormChannelShuffle()], to: graph)
        #expect(formed.nodes == [Node(name: "merge", op: .channelShuffle(groups: 2), inputs: ["x"], outputs: ["y"])])
        #expect(formed.initializers.isEmpty)
        try PassTestSupport.expectSameOutputs(graph, formed, inputs: PassTestSupport.randomInputs(for: graph, seed: 6))
    }

    @Test func anotherPermutationStays() throws {
        let graph = try PassTestSupport.parse("""
            graph other
            input %x : f32[1,6,2,2]
            init %grouped : i64[5] = [1,2,3,2,2]
            init %merged : i64[4] = [1,6,2,2]
            %g = Reshape(%x, %grouped) {allow_zero=false} : f32[1,2,3,2,2]  # split_groups
            %t = Transpose(%g) {perm=[0,1,2,4,3]} : f32[1,2,3,2,2]  # swap
            %y = Reshape(%t, %merged) {allow_zero=false} : f32[1,6,2,2]  # merge
            output %y
            """)
        #expect(PassTestSupport.operatorNames(try PassTestSupport.apply([FormChannelShuffle()], to: graph))
                == ["Reshape", "Transpose", "Reshape"])
    }
}
