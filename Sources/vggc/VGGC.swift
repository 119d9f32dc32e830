import ArgumentParser
import Foundation
import VGGCKit

/// The `vggc` command: compiles ONNX CNNs for int8 accelerators.
@main
struct VGGC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vggc",
        abstract: "A model compiler for int8 CNN accelerators.",
        discussion: """
            Exit status: 0 on success, 1 when an input is malformed or a step fails, 2 on a usage \
            error, 3 when the model uses something vggc does not support (see `vggc check`).
            """,
        version: Compiler.version,
        subcommands: [CheckCommand.self, CompileCommand.self, DisasmCommand.self, TargetsCommand.self, EvalCommand.self, InspectCommand.self, MergeCommand.self, ReferenceCommand.self, ReportCommand.self, RunCommand.self, ExportQDQCommand.self, RTLCommand.self, CosimCommand.self, ResourcesCommand.self, ExploreCommand.self]
    )

    /// Rewrites a bare `--dump-ir` (all stages) to `--dump-ir=all` before parsing, since
    /// ArgumentParser has no options with an optional value. Usage errors exit 2, as the help says
    /// (ArgumentParser's own status for them is 64).
    static func main() {
        let arguments = CommandLine.arguments.dropFirst().map { $0 == "--dump-ir" ? "--dump-ir=all" : $0 }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage.rawValue)
        }
    }
}
