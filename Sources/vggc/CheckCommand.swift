import ArgumentParser
import Foundation
import Frontend

/// `vggc check MODEL`: the support report on its own.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List every operator, attribute or data type in a model that vggc cannot compile.",
        discussion: "Exits 0 when the model is fully supported, 3 when it is not, 1 when it is malformed."
    )

    @Argument(help: "The model: .onnx (protobuf, optionally with external data) or ONNX JSON.")
    var model: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let file = try reportingErrors { try ONNXModelFile.load(URL(fileURLWithPath: model)) }
        let report = file.supportReport()
        if json {
            print(try renderJSON(CheckResult(model: model, supported: report.isSupported, issues: report.issues)))
        } else if report.isSupported {
            print("\(model): supported")
        } else {
            print("\(model): \(report.issues.count) unsupported feature(s)")
            print(report.renderTable(), terminator: "")
        }
        if !report.isSupported { throw ExitStatus.unsupported }
    }
}

/// The JSON form of `vggc check --json`.
struct CheckResult: Encodable {
    var model: String
    var supported: Bool
    var issues: [SupportIssue]
}

/// Encodes a value as pretty, key-sorted JSON (deterministic output).
func renderJSON<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
