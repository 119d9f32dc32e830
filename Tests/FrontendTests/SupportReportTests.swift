import Foundation
import IR
import Testing
@testable import Frontend

/// The support report lists every problem of a model at once, in model order, and renders as a
/// table and as JSON.
@Suite struct SupportReportTests {
    typealias F = ONNXFixtures

    /// A model with an unsupported opset, input type, initializer type and three bad nodes.
    private func troubledModel() throws -> ONNXModelFile {
        var half = F.floatTensor("h", [1], [])
        half.dataType = F.float16
        half.int32Data = [0]
        let model = F.model(nodes: [
            F.node("Relu", ["x"], ["r"], name: "fine"),
            F.node("Exp", ["r"], ["e"], name: "exp1"),
            F.node("Neg", ["e"], ["s1"], name: "neg1"),
            F.node("Clip", ["s1", "r"], ["y"], name: "clip1"),
        ], inputs: [F.tensorInfo("x", [2, 4]), F.tensorInfo("z", [2], elementType: F.double)], outputs: ["y"],
                            initializers: [half], opset: 25)
        return try F.load(model)
    }

    private var expectedIssues: [SupportIssue] {
        [SupportIssue(node: "", opType: "<model>", reason: "opset 25 is outside the supported range 6 to 24"),
         SupportIssue(node: "z", opType: "<graph input>", reason: "unsupported data type DOUBLE"),
         SupportIssue(node: "h", opType: "<initializer>", reason: "unsupported data type FLOAT16"),
         SupportIssue(node: "exp1", opType: "Exp", reason: "operator Exp is not supported"),
         SupportIssue(node: "neg1", opType: "Neg", reason: "operator Neg is not supported"),
         SupportIssue(node: "clip1", opType: "Clip",
                      reason: "input 'min' ('r') must be a constant (an initializer or a Constant output)")]
    }

    @Test func listsEveryProblemInModelOrder() throws {
        #expect(try troubledModel().supportReport().issues == expectedIssues)
    }

    @Test func importRefusesWithTheSameReport() throws {
        #expect(throws: FrontendError.unsupported(SupportReport(issues: expectedIssues))) {
            try troubledModel().importGraph()
        }
    }

    @Test func supportedModelHasAnEmptyReport() throws {
        let report = try F.load(F.reluModel()).supportReport()
        #expect(report.isSupported)
        #expect(report.renderTable() == "all operators supported\n")
    }

    @Test func missingAndOldOpsets() throws {
        var model = F.reluModel()
        model.opsetImport = []
        #expect(try F.load(model).supportReport().issues.map(\.reason) == ["the model imports no default-domain (ai.onnx) opset"])
        model = F.model(nodes: [F.node("Relu", ["x"], ["y"])], inputs: [F.tensorInfo("x", [2])], outputs: ["y"], opset: 5)
        #expect(try F.load(model).supportReport().issues.map(\.reason) == ["opset 5 is outside the supported range 6 to 24"])
    }

    @Test func tableAlignsColumns() {
        let report = SupportReport(issues: [SupportIssue(node: "exp1", opType: "Exp", reason: "operator Exp is not supported"),
                                            SupportIssue(node: "a", opType: "Split", reason: "r")])
        #expect(report.renderTable() == """
            node  op     reason
            ----  -----  ------
            exp1  Exp    operator Exp is not supported
            a     Split  r

            """)
    }

    @Test func jsonRoundTrips() throws {
        let report = SupportReport(issues: expectedIssues)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(report.issues[3]), as: UTF8.self)
        #expect(json == #"{"node":"exp1","opType":"Exp","reason":"operator Exp is not supported"}"#)
        #expect(try JSONDecoder().decode(SupportReport.self, from: encoder.encode(report)) == report)
    }
}
