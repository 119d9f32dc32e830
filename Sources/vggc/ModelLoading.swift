import ArgumentParser
import Foundation
import Frontend
import IR

/// Loads an ONNX model for a command: prints the support report and exits with status 3 when the
/// model uses anything unsupported, before any other work.
func loadSupportedGraph(path: String) throws -> Graph {
    let model = try reportingErrors { try ONNXModelFile.load(URL(fileURLWithPath: path)) }
    let report = model.supportReport()
    guard report.isSupported else {
        Console.error("\(path): \(report.issues.count) unsupported feature(s); nothing was compiled")
        FileHandle.standardError.write(Data(report.renderTable().utf8))
        throw ExitStatus.unsupported
    }
    return try reportingErrors { try model.importGraph() }
}
