import Foundation
@testable import IR
import Testing

/// Golden text tests: `Golden/<name>.in.ir` is parsed, run through passes (with shape inference and
/// the verifier after each), printed, and compared with `Golden/<name>.out.ir`. With
/// `VGGC_RECORD_GOLDEN=1` in the environment the expected file is rewritten instead.
enum GoldenIR {
    /// Initializers up to this size are printed in full, so folded weights are visible.
    static let inlineElementLimit = 64

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The graph of `Golden/<name>.in.ir`, typed.
    static func input(_ name: String) throws -> Graph {
        try PassTestSupport.parse(String(contentsOf: directory.appendingPathComponent("\(name).in.ir"), encoding: .utf8))
    }

    /// Checks `passes` on golden case `name`; returns the input and the result for further checks.
    @discardableResult
    static func check(_ name: String, passes: [any GraphPass],
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> (input: Graph, output: Graph) {
        let input = try input(name)
        let output = try PassTestSupport.apply(passes, to: input)
        let text = IRPrinter.print(output, inlineElementLimit: inlineElementLimit)
        let expectedURL = directory.appendingPathComponent("\(name).out.ir")
        if ProcessInfo.processInfo.environment["VGGC_RECORD_GOLDEN"] == "1" {
            try text.write(to: expectedURL, atomically: true, encoding: .utf8)
        } else {
            let expected = try String(contentsOf: expectedURL, encoding: .utf8)
            #expect(text == expected, "golden \(name) differs; got:\n\(text)", sourceLocation: sourceLocation)
        }
        return (input, output)
    }
}
