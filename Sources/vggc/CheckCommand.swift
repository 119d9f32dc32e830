import Accelerator
import ArgumentParser
import Foundation
import Frontend
import IR
import Quantization
import VGGCKit

/// `vggc check MODEL [--target T]`: the capability check on its own.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List everything in a model that vggc cannot compile for a target, all at once.",
        discussion: """
            Runs import, the graph passes, the quantizer's rules and the backend's rules for the target without \
            calibrating, and lists every problem with its stage, node, op and reason. Exits 0 exactly when \
            `vggc compile MODEL -o FILE --target T` would succeed with the same quantization options, 3 when the \
            model has problems, 1 when it is malformed.
            """
    )

    @Argument(help: "The model: .onnx (protobuf, optionally with external data) or ONNX JSON.")
    var model: String

    @Option(help: ArgumentHelp("The accelerator: a preset (\(HardwareConfig.presets.map(\.name).joined(separator: ", "))) or a hardware config JSON file.", valueName: "preset|file.json"))
    var target = "zc706"

    @Option(help: ArgumentHelp("Integer arithmetic: \(ArithmeticMode.allCases.map(\.rawValue).joined(separator: ", ")). Defaults to the target's.", valueName: "mode"))
    var arith: ArithmeticMode?

    @Flag(help: "Quantize weights per tensor instead of per output channel.")
    var perTensorWeights = false

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let config = try reportingErrors { try HardwareConfig.load(target: target) }
        let options = QuantizationOptions(arithmetic: arith ?? config.arithmetic,
                                          weightGranularity: perTensorWeights ? .perTensor : .perChannel)
        let check = try reportingErrors {
            try CapabilityCheck(modelAt: URL(fileURLWithPath: model), target: config, options: options)
        }
        if json {
            print(try renderJSON(CheckResult(model: model, target: config.name, supported: check.isSupported, problems: check.problems)))
        } else if check.isSupported {
            print("\(model): supported on \(config.name)")
        } else {
            print("\(model): \(check.problems.count) problem(s) on \(config.name)")
            print(Self.table(check.problems), terminator: "")
        }
        if !check.isSupported { throw ExitStatus.unsupported }
    }

    /// The problems as a table with columns stage, node, op and reason, whole names, one problem a line.
    static func table(_ problems: [CapabilityProblem]) -> String {
        let rows = [["stage", "node", "op", "reason"]] + problems.map { [$0.stage.rawValue, $0.node, $0.op, $0.reason] }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<3).map { TableColumn.pad(row[$0], widths[$0] + 2) }.joined() + row[3]
        }.joined(separator: "\n") + "\n"
    }
}

/// The JSON form of `vggc check --json`.
struct CheckResult: Encodable {
    var model: String
    var target: String
    var supported: Bool
    var problems: [CapabilityProblem]
}

/// Encodes a value as pretty, key-sorted JSON (deterministic output).
func renderJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
