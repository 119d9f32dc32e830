@testable import IR
import Testing

@Suite("FormSwish")
struct FormSwishTests {
    @Test(arguments: ["%s, %x", "%x, %s"])
    func mulOfSigmoidBecomesSwish(operands: String) throws {
        let graph = try PassTestSupport.parse("""
            graph silu
            input %x : f32[1,2,3,3]
            %s = Sigmoid(%x) : f32[1,2,3,3]  # sig
            %y = Mul(\(operands)) : f32[1,2,3,3]  # mul
            output %y
            """)
        let formed = try PassTestSupport.apply([FormSwish()], to: graph)
        #expect(formed.nodes == [Node(name: "mul", op: .swish(alpha: 1), inputs: ["x"], outputs: ["y"])])
        try PassTestSupport.expectSameOutputs(graph, formed, inputs: PassTestSupport.randomInputs(for: graph, seed: 1))
    }

    @Test func sigmoidWithAnotherReaderStays() throws {
        let graph = try PassTestSupport.parse("""
            graph shared
            input %x : f32[1,2]
            %s = Sigmoid(%x) : f32[1,2]  # sig
            %y = Mul(%x, %s) : f32[1,2]  # mul
            %z = Add(%y, %s) : f32[1,2]  # add
            output %z
            """)
        let formed = try PassTestSupport.apply([FormSwish()], to: graph)
        #expect(PassTestSupport.operatorNames(formed) == ["Sigmoid", "Mul", "Add"])
    }

    @Test func sigmoidOfAnotherValueStays() throws {
        let graph = try PassTestSupport.parse("""
            graph gate
            input %x : f32[1,2]
            input %g : f32[1,2]
            %s = Sigmoid(%g) : f32[1,2]  # sig
            %y = Mul(%x, %s) : f32[1,2]  # mul
            output %y
            """)
        #expect(PassTestSupport.operatorNames(try PassTestSupport.apply([FormSwish()], to: graph)) == ["Sigmoid", "Mul"])
    }
}
