import Foundation
import IR
import Testing
@testable import Frontend

/// Loading models: binary and JSON forms, malformed bytes, tensor size checks and input binding.
@Suite struct ONNXModelFileTests {
    typealias F = ONNXFixtures

    /// `x [N,3] -> Add(w) -> Relu -> y` with `w` in `raw_data`, `N` symbolic.
    private func smallModel() -> Onnx_ModelProto {
        F.model(nodes: [F.node("Add", ["x", "w"], ["s"], name: "add"), F.node("Relu", ["s"], ["y"], name: "relu")],
                inputs: [F.tensorInfo("x", [.parameter("N"), .value(3)])], outputs: ["y"],
                initializers: [F.rawFloatTensor("w", [3], [0.5, -1, 2])])
    }

    @Test func importsBinaryModel() throws {
        let graph = try F.load(smallModel()).importGraph()
        #expect(graph.name == "test")
        #expect(graph.inputs == [ValueInfo(name: "x", type: TensorType(.float32, [1, 3]))])
        #expect(graph.outputs == ["y"])
        #expect(graph.initializers == ["w": Tensor(shape: [3], floats: [0.5, -1, 2])])
        #expect(graph.nodes == [Node(name: "add", op: .add, inputs: ["x", "w"], outputs: ["s"]),
                                Node(name: "relu", op: .relu, inputs: ["s"], outputs: ["y"])])
        #expect(graph.types["y"] == TensorType(.float32, [1, 3]))
    }

    @Test func jsonFormImportsTheSameGraph() throws {
        let directory = try F.scratchDirectory()
        let binary = try ONNXModelFile.load(F.write(smallModel(), to: directory)).importGraph()
        let json = try smallModel().jsonUTF8Data()
        for name in ["model.json", "model-sniffed.txt"] {
            let url = directory.appendingPathComponent(name)
            try (Data("  \n".utf8) + json).write(to: url)
            var graph = try ONNXModelFile.load(url).importGraph()
            graph.name = binary.name
            #expect(graph == binary, "\(name)")
        }
    }

    @Test func symbolicDimensionsAreListedAndBound() throws {
        let model = F.model(nodes: [F.node("Relu", ["x"], ["y"])],
                            inputs: [F.tensorInfo("x", [.parameter("batch"), .value(3), .unknown])], outputs: ["y"])
        let file = try F.load(model)
        #expect(file.symbolicDimensions == [SymbolicDimension(input: "x", axis: 0, parameter: "batch"),
                                            SymbolicDimension(input: "x", axis: 2, parameter: nil)])
        #expect(try file.importGraph().inputs[0].type.shape == [1, 3, 1])
        let bound = try file.importGraph(ImportOptions(dimensionBindings: ["batch": 4], defaultDimension: 2))
        #expect(bound.inputs[0].type.shape == [4, 3, 2])
        #expect(throws: FrontendError.invalidGraphInput(name: "x", detail: "dimension 'batch' is bound to 0; it must be positive")) {
            try file.importGraph(ImportOptions(dimensionBindings: ["batch": 0]))
        }
    }

    @Test func oversizedInputsAreRefused() throws {
        let huge = F.model(nodes: [F.node("Relu", ["x"], ["y"])], inputs: [F.tensorInfo("x", [1 << 30, 1 << 30])], outputs: ["y"])
        #expect(try F.load(huge).supportReport().issues.map(\.reason)
                == ["the input's extents [1073741824, 1073741824] hold too many elements"])
        let open = F.model(nodes: [F.node("Relu", ["x"], ["y"])], inputs: [F.tensorInfo("x", [.parameter("n"), .value(1 << 30)])],
                           outputs: ["y"])
        #expect(throws: FrontendError.invalidGraphInput(name: "x", detail: "shape [1073741824, 1073741824] holds too many elements")) {
            try F.load(open).importGraph(ImportOptions(dimensionBindings: ["n": 1 << 30]))
        }
    }

    @Test func negativeConcatAxisIsNormalizedAfterInference() throws {
        let model = F.model(nodes: [F.node("Concat", ["x", "x"], ["y"], [F.attribute("axis", int: -1)])],
                            inputs: [F.tensorInfo("x", [1, 2, 3])], outputs: ["y"])
        let graph = try F.load(model).importGraph()
        #expect(graph.nodes.map(\.op) == [.concat(axis: 2)])
        #expect(graph.types["y"] == TensorType(.float32, [1, 2, 6]))
    }

    @Test func opsetIsReported() throws {
        #expect(try F.load(smallModel()).opsetVersion == 13)
    }

    @Test func notProtobuf() throws {
        let url = try F.scratchDirectory().appendingPathComponent("text.onnx")
        try Data("this is not an ONNX model\n".utf8).write(to: url)
        guard case .notONNX(let path, _)? = loadError(url) else {
            Issue.record("expected notONNX")
            return
        }
        #expect(path == url.path)
    }

    @Test func invalidJSON() throws {
        let url = try F.scratchDirectory().appendingPathComponent("model.json")
        try Data("{\"graph\": [".utf8).write(to: url)
        guard case .notONNX? = loadError(url) else {
            Issue.record("expected notONNX")
            return
        }
    }

    @Test func missingFileAndEmptyModel() throws {
        let directory = try F.scratchDirectory()
        guard case .unreadableFile? = loadError(directory.appendingPathComponent("absent.onnx")) else {
            Issue.record("expected unreadableFile")
            return
        }
        let empty = directory.appendingPathComponent("empty.onnx")
        try Data().write(to: empty)
        #expect(loadError(empty) == .emptyGraph(path: empty.path, detail: "the model has no graph"))
    }

    @Test func initializerByteCountMustMatchDims() throws {
        var short = F.rawFloatTensor("w", [2, 3], [1, 2, 3, 4, 5])
        var model = F.model(nodes: [F.node("Add", ["x", "w"], ["y"])], inputs: [F.tensorInfo("x", [2, 3])], outputs: ["y"],
                            initializers: [short])
        #expect(loadError(try F.write(model, to: F.scratchDirectory())) == .tensorByteCountMismatch(tensor: "w", expected: 24, actual: 20))
        short = F.floatTensor("w", [2, 3], [1, 2, 3, 4, 5, 6, 7])
        model.graph.initializer = [short]
        #expect(loadError(try F.write(model, to: F.scratchDirectory())) == .tensorElementCountMismatch(tensor: "w", expected: 6, actual: 7))
        model.graph.initializer = [F.floatTensor("w", [2, -3], [])]
        guard case .invalidTensor(let tensor, _)? = loadError(try F.write(model, to: F.scratchDirectory())) else {
            Issue.record("expected invalidTensor")
            return
        }
        #expect(tensor == "w")
    }

    @Test func constantValueSizeIsCheckedAtLoad() throws {
        let value = F.rawFloatTensor("", [4], [1, 2])
        let model = F.model(nodes: [F.node("Constant", [], ["c"], [F.attribute("value", tensor: value)]),
                                    F.node("Add", ["x", "c"], ["y"])],
                            inputs: [F.tensorInfo("x", [4])], outputs: ["y"])
        #expect(loadError(try F.write(model, to: F.scratchDirectory())) == .tensorByteCountMismatch(tensor: "c", expected: 16, actual: 8))
    }

    @Test func overflowingDimsAreRejected() throws {
        let huge = F.floatTensor("w", [Int64.max / 2, 4], [])
        let model = F.model(nodes: [F.node("Add", ["x", "w"], ["y"])], inputs: [F.tensorInfo("x", [1])], outputs: ["y"],
                            initializers: [huge])
        guard case .invalidTensor? = loadError(try F.write(model, to: F.scratchDirectory())) else {
            Issue.record("expected invalidTensor")
            return
        }
    }

    @Test func everyTruncationOfASmallModelFailsCleanly() throws {
        let bytes: Data = try smallModel().serializedData()
        let directory = try F.scratchDirectory()
        var rejected = 0
        for length in 0..<bytes.count {
            let url = directory.appendingPathComponent("prefix.onnx")
            try bytes.prefix(length).write(to: url)
            if try !survivesImport(url) { rejected += 1 }
        }
        // Most prefixes cut a field in half; a few end on a field boundary and stay well-formed.
        #expect(rejected > bytes.count * 3 / 4)
    }

    @Test func randomBytesAndCorruptedModelsNeverCrash() throws {
        var generator = SeededGenerator(seed: 20_240_601)
        let directory = try F.scratchDirectory()
        let url = directory.appendingPathComponent("fuzz.onnx")
        let model: Data = try smallModel().serializedData()
        for round in 0..<400 {
            var bytes: Data
            if round.isMultiple(of: 2) {
                bytes = Data((0..<Int.random(in: 0...256, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) })
            } else {
                bytes = model
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            }
            try bytes.write(to: url)
            _ = try survivesImport(url)
        }
    }

    /// Loads, reports on and imports the file; true when all of it succeeded. Errors must be the
    /// frontend's or the IR's own.
    private func survivesImport(_ url: URL) throws -> Bool {
        do {
            let file = try ONNXModelFile.load(url)
            _ = file.supportReport()
            _ = try file.importGraph()
            return true
        } catch is FrontendError, is IRError {
            return false
        }
    }

    private func loadError(_ url: URL) -> FrontendError? {
        do {
            _ = try ONNXModelFile.load(url)
            return nil
        } catch {
            return error as? FrontendError
        }
    }
}
