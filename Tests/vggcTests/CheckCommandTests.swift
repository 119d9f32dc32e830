import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func supportedModelExitsZero() throws {
        let result = try VGGCProcess.run(["check", TestModels.tinyCNN.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("supported"))
    }

    @Test func unsupportedModelListsEveryProblemAndExitsThree() throws {
        let result = try VGGCProcess.run(["check", TestModels.unsupported.path])
        #expect(result.status == 3)
        #expect(result.stdout.contains("exp1"))
        #expect(result.stdout.contains("neg1"))
        #expect(result.stdout.contains("Exp"))
        #expect(result.stdout.contains("Neg"))
    }

    @Test func jsonReportIsMachineReadable() throws {
        let result = try VGGCProcess.run(["check", "--json", TestModels.unsupported.path])
        #expect(result.status == 3)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["supported"] as? Bool == false)
        let issues = object?["problems"] as? [[String: Any]] ?? []
        #expect(issues.compactMap { $0["node"] as? String }.starts(with: ["exp1", "neg1"]))
        #expect(issues.allSatisfy { ($0["reason"] as? String)?.isEmpty == false })
    }

    @Test func malformedFileGetsOneErrorLineAndExitsOne() throws {
        let result = try VGGCProcess.run(["check", TestModels.garbage.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("error: ") == true)
        #expect(result.stderr.contains("garbage.onnx"))
    }

    @Test func missingFileIsAnErrorNotACrash() throws {
        let result = try VGGCProcess.run(["check", "/nonexistent/model.onnx"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/model.onnx"))
    }
}
