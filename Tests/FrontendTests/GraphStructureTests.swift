import Foundation
import IR
import Testing
@testable import Frontend

/// Structural checks at load time: definitions, reads, cycles, ordering and node names.
@Suite struct GraphStructureTests {
    typealias F = ONNXFixtures

    private func loadError(_ model: Onnx_ModelProto) -> FrontendError? {
        do {
            _ = try F.load(model)
            return nil
        } catch {
            return error as? FrontendError
        }
    }

    @Test func danglingNodeInputNamesNodeAndValue() {
        let model = F.model(nodes: [F.node("Add", ["x", "ghost"], ["y"], name: "add")],
                            inputs: [F.tensorInfo("x", [2])], outputs: ["y"])
        #expect(loadError(model) == .undefinedValue(node: "add", value: "ghost"))
    }

    @Test func danglingGraphOutput() {
        let model = F.model(nodes: [F.node("Relu", ["x"], ["y"])], inputs: [F.tensorInfo("x", [2])], outputs: ["z"])
        #expect(loadError(model) == .undefinedValue(node: "<graph output>", value: "z"))
    }

    @Test func cycleNamesANodeOnTheCycle() {
        // "after" reads the cycle's output and comes first in the file, but is not on the cycle.
        let model = F.model(nodes: [
            F.node("Relu", ["b"], ["y"], name: "after"),
            F.node("Add", ["x", "b"], ["a"], name: "first"),
            F.node("Relu", ["a"], ["b"], name: "second"),
        ], inputs: [F.tensorInfo("x", [2])], outputs: ["y"])
        guard case .cycle(let node)? = loadError(model) else {
            Issue.record("expected a cycle error")
            return
        }
        #expect(["first", "second"].contains(node))
    }

    @Test func nodeReadingItsOwnOutputIsACycle() {
        let model = F.model(nodes: [F.node("Add", ["x", "y"], ["y"], name: "loop")],
                            inputs: [F.tensorInfo("x", [2])], outputs: ["y"])
        #expect(loadError(model) == .cycle(node: "loop"))
    }

    @Test func duplicateDefinitions() {
        let twoProducers = F.model(nodes: [F.node("Relu", ["x"], ["y"]), F.node("Sigmoid", ["x"], ["y"])],
                                   inputs: [F.tensorInfo("x", [2])], outputs: ["y"])
        #expect(loadError(twoProducers) == .duplicateDefinition(value: "y"))
        let shadowsInput = F.model(nodes: [F.node("Relu", ["x"], ["x"])], inputs: [F.tensorInfo("x", [2])], outputs: ["x"])
        #expect(loadError(shadowsInput) == .duplicateDefinition(value: "x"))
        let twoInitializers = F.model(nodes: [F.node("Add", ["x", "w"], ["y"])], inputs: [F.tensorInfo("x", [1])], outputs: ["y"],
                                      initializers: [F.floatTensor("w", [1], [1]), F.floatTensor("w", [1], [2])])
        #expect(loadError(twoInitializers) == .duplicateDefinition(value: "w"))
    }

    @Test func initializersListedAsInputsAreNotRuntimeInputs() throws {
        let model = F.model(nodes: [F.node("Add", ["x", "w"], ["y"])],
                            inputs: [F.tensorInfo("x", [2]), F.tensorInfo("w", [2])], outputs: ["y"],
                            initializers: [F.floatTensor("w", [2], [1, 2])])
        let file = try F.load(model)
        #expect(file.structure.runtimeInputs.map(\.name) == ["x"])
    }

    @Test func graphWithoutInputsOrOutputs() {
        let noInputs = F.model(nodes: [], inputs: [], outputs: ["w"], initializers: [F.floatTensor("w", [1], [1])])
        #expect(emptyGraphDetail(loadError(noInputs)) == "the graph has no inputs")
        let noOutputs = F.model(nodes: [F.node("Relu", ["x"], ["y"])], inputs: [F.tensorInfo("x", [2])], outputs: [])
        #expect(emptyGraphDetail(loadError(noOutputs)) == "the graph has no outputs")
    }

    private func emptyGraphDetail(_ error: FrontendError?) -> String? {
        guard case .emptyGraph(_, let detail)? = error else { return nil }
        return detail
    }

    @Test func unsortedNodesAreSortedStably() throws {
        let model = F.model(nodes: [
            F.node("Add", ["a", "b"], ["y"], name: "join"),
            F.node("Relu", ["x"], ["a"], name: "left"),
            F.node("Sigmoid", ["x"], ["b"], name: "right"),
        ], inputs: [F.tensorInfo("x", [2])], outputs: ["y"])
        #expect(try F.load(model).structure.nodes.map(\.name) == ["left", "right", "join"])
        let sorted = F.model(nodes: [
            F.node("Sigmoid", ["x"], ["b"], name: "right"),
            F.node("Relu", ["x"], ["a"], name: "left"),
            F.node("Add", ["a", "b"], ["y"], name: "join"),
        ], inputs: [F.tensorInfo("x", [2])], outputs: ["y"])
        #expect(try F.load(sorted).structure.nodes.map(\.name) == ["right", "left", "join"])
    }

    @Test func nodeNamesAreFilledInAndMadeUnique() throws {
        let model = F.model(nodes: [
            F.node("Relu", ["x"], ["a"]),
            F.node("Relu", ["a"], ["b"], name: "n"),
            F.node("Relu", ["b"], ["c"], name: "n"),
            F.node("Relu", ["c"], ["y"], name: "Relu_0"),
        ], inputs: [F.tensorInfo("x", [2])], outputs: ["y"])
        #expect(try F.load(model).structure.nodes.map(\.name) == ["Relu_0", "n", "n_1", "Relu_0_1"])
    }
}
