import Foundation
import Frontend
import IR
import Testing

/// Runs every case of the onnx wheel's `pytorch-converted` and `pytorch-operator` test data through
/// the frontend, the standard pipeline (verified after each pass) and the float interpreter, and
/// compares with the expected outputs that ship with each case.
///
/// A case is skipped only when the frontend's support report refuses the model; the skips must be
/// exactly the cases listed in `expectedSkips`, so a newly refused case fails the test, and so does
/// a listed case that starts importing (the list must then shrink).
@Suite struct ONNXConformanceTests {
    /// Default comparison: |actual - expected| <= atol + rtol * |expected|.
    static let rtol: Float = 1e-3
    static let atol: Float = 1e-4

    /// Cases that need a looser bound, and why.
    static let tolerances: [String: (rtol: Float, atol: Float, why: String)] = [:]

    /// Cases the support report refuses, with the reason as the report words it (a substring).
    static let expectedSkips: [String: String] = [:]

    @Test func pytorchConverted() throws {
        try runCollection("pytorch-converted")
    }

    @Test func pytorchOperator() throws {
        try runCollection("pytorch-operator")
    }

    private func runCollection(_ collection: String) throws {
        let cases = try ONNXTestData.cases(in: collection)
        #expect(cases.count > 30, "expected the \(collection) collection of the onnx wheel")
        var table = ConformanceTable(collection: collection)
        for caseDirectory in cases {
            let name = caseDirectory.lastPathComponent
            let outcome = runCase(caseDirectory)
            table.add(name, outcome)
            check(name, outcome)
        }
        print(table.render())
    }

    private func check(_ name: String, _ outcome: ConformanceOutcome) {
        switch outcome {
        case .passed:
            #expect(Self.expectedSkips[name] == nil, "\(name) now imports and passes: remove it from expectedSkips")
        case .skipped(let reason):
            if let expected = Self.expectedSkips[name] {
                #expect(reason.contains(expected), "\(name) is refused for '\(reason)', expected '\(expected)'")
            } else {
                Issue.record("\(name) is refused by the support report: \(reason)")
            }
        case .mismatched(let detail):
            Issue.record("\(name): output differs from ONNX's expected output: \(detail)")
        case .failed(let error):
            Issue.record("\(name): \(error)")
        }
    }

    private func runCase(_ caseDirectory: URL) -> ConformanceOutcome {
        let name = caseDirectory.lastPathComponent
        do {
            let model = try ONNXModelFile.load(caseDirectory.appendingPathComponent("model.onnx"))
            let report = model.supportReport()
            guard report.isSupported else {
                return .skipped(report.issues.map { "\($0.opType): \($0.reason)" }.joined(separator: "; "))
            }
            let graph = try PassPipeline.standard.run(try model.importGraph(), verify: true) { _, _ in }
            let interpreter = FloatInterpreter(graph: graph)
            let bound = Self.tolerances[name].map { ($0.rtol, $0.atol) } ?? (Self.rtol, Self.atol)
            var worst: Float = 0
            for dataSet in try ONNXTestData.dataSets(of: caseDirectory) {
                let inputs = try ONNXTestData.tensorFiles("input", in: dataSet).map(ONNXTensorFile.load)
                let expected = try ONNXTestData.tensorFiles("output", in: dataSet).map(ONNXTensorFile.load)
                guard inputs.count == graph.inputs.count, expected.count == graph.outputs.count else {
                    return .failed("\(dataSet.lastPathComponent) has \(inputs.count) inputs / \(expected.count) outputs, graph has \(graph.inputs.count) / \(graph.outputs.count)")
                }
                let feeds = Dictionary(uniqueKeysWithValues: zip(graph.inputs.map(\.name), inputs))
                let outputs = try interpreter.run(feeds)
                for (outputName, reference) in zip(graph.outputs, expected) {
                    let comparison = TensorComparison(actual: outputs[outputName]!, expected: reference, rtol: bound.0, atol: bound.1)
                    if let problem = comparison.problem {
                        return .mismatched("\(dataSet.lastPathComponent) output '\(outputName)': \(problem)")
                    }
                    worst = max(worst, comparison.maxAbsoluteError)
                }
            }
            return .passed(maxAbsoluteError: worst)
        } catch {
            return .failed(error.localizedDescription)
        }
    }
}
