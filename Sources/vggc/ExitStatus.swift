import ArgumentParser
import Foundation
import VGGCKit

/// The exit statuses `vggc` documents in its help.
enum ExitStatus {
    /// An input was malformed or a step failed.
    static let failure = ExitCode(1)
    /// The command line asks for something impossible (also what ArgumentParser's usage errors become).
    static let usage = ExitCode(2)
    /// The model uses an operator, attribute or type vggc does not support.
    static let unsupported = ExitCode(3)

    /// The status for one of the library's own errors.
    static func code(for error: VGGCKitError) -> ExitCode {
        switch error {
        case .unsupportedModel, .unsupportedOnTarget, .notExpressibleAsQDQ:
            return unsupported
        case .unknownStage, .inputCount, .colorChannels, .normalizationCount, .sampleScale, .standardDeviation,
             .calibrationCount, .evaluationLimit, .perLayerWithoutFloatModel, .unnamedInput, .jobCount, .invalidShard,
             .malformedShard, .resizeShorterChoice, .centerCropSize:
            return usage
        case .unwritableOutput, .unreadableFile, .missingLabel, .unknownLabel, .malformedLabels, .activationsTooLarge,
             .emptyShard, .incompleteShards, .shardsDisagree:
            return failure
        }
    }
}

/// Writes diagnostics to standard error; only the CLI prints.
enum Console {
    /// Whether standard error is a terminal, so that progress lines are worth showing.
    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0

    /// The longest line an error or note prints: text from an input file (a key, a value, a node
    /// name) can be arbitrarily long and is shortened, never echoed whole.
    static let longestLine = 1000

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(shortened(message))\n".utf8))
    }

    /// `message` with every line longer than `longestLine` cut, saying how long it was.
    static func shortened(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.count <= longestLine ? String(line) : "\(line.prefix(longestLine))… (\(line.count) characters)"
        }.joined(separator: "\n")
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("note: \(shortened(message))\n".utf8))
    }

    /// A transient progress line on a terminal; nothing when standard error is redirected.
    static func progress(_ message: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\u{1B}[2K\r\(message)".utf8))
    }

    /// A progress line that stays, for when standard error is not a terminal.
    static func plain(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    /// Clears the progress line.
    static func endProgress() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8))
    }
}

/// Runs `body`, rendering any library error as one `error:` line (an unsupported model also gets
/// its support report) and choosing the exit status.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let exit as ExitCode {
        throw exit
    } catch let error as VGGCKitError {
        Console.endProgress()
        Console.error(error.localizedDescription)
        if case .unsupportedModel(_, let report) = error {
            FileHandle.standardError.write(Data(report.renderTable().utf8))
        }
        if case .unsupportedOnTarget(_, _, let problems) = error {
            FileHandle.standardError.write(Data(CheckCommand.table(problems).utf8))
        }
        throw ExitStatus.code(for: error)
    } catch {
        Console.endProgress()
        Console.error(error.localizedDescription)
        throw ExitStatus.failure
    }
}

/// Runs a library check of command-line values from `validate()`: its error becomes a usage error.
func validating(_ body: () throws -> Void) throws {
    do { try body() } catch let error as VGGCKitError {
        throw ValidationError(error.localizedDescription)
    }
}
