import Foundation
import Testing

@Suite struct DisasmCommandTests {
    @Test func listsEveryInstructionWithItsLayer() throws {
        let path = try InspectCommandTests.compiled.get()
        let result = try VGGCProcess.run(["disasm", path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        let inspect = try VGGCProcess.run(["inspect", path, "--json"])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect(lines.count == summary["instructions"] as? Int)
        #expect(lines.first?.contains("LOAD") == true && lines.first?.hasSuffix("; conv1") == true)
        #expect(lines.last?.contains("END") == true)
        #expect(lines.contains { $0.contains("GEMM") && $0.contains("[pop:load") })
    }

    @Test func oneLayer() throws {
        let path = try InspectCommandTests.compiled.get()
        let result = try VGGCProcess.run(["disasm", path, "--layer", "fc"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix("; fc") })
        let missing = try VGGCProcess.run(["disasm", path, "--layer", "nope"])
        #expect(missing.status != 0 && missing.stderr.contains("no layer named 'nope'"))
    }
}
