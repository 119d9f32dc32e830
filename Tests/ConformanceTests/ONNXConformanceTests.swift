import Foundation
import Frontend
import IR
import Testing
import Reference

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
    /// They fall in three groups, none of which a classic CNN for the accelerator needs:
    /// - operators outside vggc's supported set (ConvTranspose, Exp, Neg, PRelu, Selu, Elu,
    ///   LogSoftmax, Softplus, Abs, Max, Min, Pow, Sqrt, ReduceSum, Tile, InstanceNormalization);
    /// - 3-D convolution and pooling (the accelerator's windows are 1-D or 2-D);
    /// - float64 tensors (the float reference is fp32, the accelerator int8).
    static let expectedSkips: [String: String] = [
        "test_AvgPool3d": "3-D windows are not supported",
        "test_AvgPool3d_stride": "3-D windows are not supported",
        "test_AvgPool3d_stride1_pad0_gpu_input": "3-D windows are not supported",
        "test_Conv3d": "3-D windows are not supported",
        "test_Conv3d_dilated": "3-D windows are not supported",
        "test_Conv3d_dilated_strided": "3-D windows are not supported",
        "test_Conv3d_groups": "3-D windows are not supported",
        "test_Conv3d_no_bias": "3-D windows are not supported",
        "test_Conv3d_stride": "3-D windows are not supported",
        "test_Conv3d_stride_padding": "3-D windows are not supported",
        "test_ConvTranspose2d": "operator ConvTranspose is not supported",
        "test_ConvTranspose2d_no_bias": "operator ConvTranspose is not supported",
        "test_ELU": "operator Elu is not supported",
        "test_LogSoftmax": "operator LogSoftmax is not supported",
        "test_MaxPool3d": "3-D windows are not supported",
        "test_MaxPool3d_stride": "3-D windows are not supported",
        "test_MaxPool3d_stride_padding": "3-D windows are not supported",
        "test_PReLU_1d": "operator PRelu is not supported",
        "test_PReLU_1d_multiparam": "operator PRelu is not supported",
        "test_PReLU_2d": "operator PRelu is not supported",
        "test_PReLU_2d_multiparam": "operator PRelu is not supported",
        "test_PReLU_3d": "operator PRelu is not supported",
        "test_PReLU_3d_multiparam": "operator PRelu is not supported",
        "test_PoissonNLLLLoss_no_reduce": "operator Exp is not supported",
        "test_SELU": "operator Selu is not supported",
        "test_Softmin": "operator Neg is not supported",
        "test_Softplus": "operator Softplus is not supported",
        "test_Softsign": "operator Abs is not supported",
        "test_log_softmax_dim3": "operator LogSoftmax is not supported",
        "test_log_softmax_lastdim": "operator LogSoftmax is not supported",
        "test_operator_add_broadcast": "unsupported data type DOUBLE",
        "test_operator_add_size1_broadcast": "unsupported data type DOUBLE",
        "test_operator_add_size1_right_broadcast": "unsupported data type DOUBLE",
        "test_operator_add_size1_singleton_broadcast": "unsupported data type DOUBLE",
        "test_operator_addconstant": "unsupported data type DOUBLE",
        "test_operator_basic": "operator Neg is not supported",
        "test_operator_convtranspose": "operator ConvTranspose is not supported",
        "test_operator_exp": "operator Exp is not supported",
        "test_operator_max": "operator Max is not supported",
        "test_operator_min": "operator Min is not supported",
        "test_operator_params": "operator Neg is not supported",
        "test_operator_pow": "operator Pow is not supported",
        "test_operator_reduced_sum": "operator ReduceSum is not supported",
        "test_operator_reduced_sum_keepdim": "operator ReduceSum is not supported",
        "test_operator_repeat": "operator Tile is not supported",
        "test_operator_repeat_dim_overflow": "operator Tile is not supported",
        "test_operator_selu": "operator Selu is not supported",
        "test_operator_sqrt": "operator Sqrt is not supported",
        "test_operator_symbolic_override": "operator InstanceNormalization is not supported",
        "test_operator_symbolic_override_nested": "operator Neg is not supported",
    ]

    /// ONNX's node test vectors of the operators a modern CNN adds (issue #11), every one of
    /// which must import and match: HardSigmoid, HardSwish, Swish (opset 24), Split into equal
    /// parts, Sum and inference BatchNormalization. The node cases of Slice, ReduceMean and sized
    /// Split feed their operands as graph inputs, which vggc needs at compile time; Slice and
    /// ReduceMean are covered by `test_operator_index` and `test_operator_reduced_mean*` above.
    static let nodeCases = [
        "test_batchnorm_epsilon", "test_batchnorm_example", "test_hardsigmoid", "test_hardsigmoid_default",
        "test_hardsigmoid_example", "test_hardswish", "test_hardswish_expanded", "test_swish",
        "test_split_1d_uneven_split_opset18", "test_split_2d_uneven_split_opset18", "test_split_equal_parts_1d_opset13",
        "test_split_equal_parts_1d_opset18", "test_split_equal_parts_2d", "test_split_equal_parts_2d_opset13",
        "test_split_equal_parts_default_axis_opset13", "test_split_equal_parts_default_axis_opset18", "test_sum_example",
        "test_sum_one_input", "test_sum_two_inputs",
    ]

    @Test func nodeCasesOfModernCNNOperators() throws {
        let root = try ONNXTestData.directory.get().appendingPathComponent("node")
        for name in Self.nodeCases {
            let outcome = runCase(root.appendingPathComponent(name))
            if case .passed = outcome { continue }
            Issue.record("\(name): \(outcome)")
        }
    }

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
