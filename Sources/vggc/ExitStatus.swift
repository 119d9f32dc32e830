import ArgumentParser
import Foundation

/// The exit statuses `vggc` documents in its help.
enum ExitStatus {
    /// An input was malformed or a step failed.
    static let failure = ExitCode(1)
    /// The model uses an operator, attribute or type vggc does not support.
    static let unsupported = ExitCode(3)
}

/// Writes diagnostics to standard error; only the CLI prints.
enum Console {
    /// Whether standard error is a terminal, so that progress lines are worth showing.
    static let stderrIsTerminal = isatty(STDERR_FILENO) != 0

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("note: \(message)\n".utf8))
    }

    /// A transient progress line on a terminal; nothing when standard error is redirected.
    static func progress(_ message: String) {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\u{1B}[2K\r\(message)".utf8))
    }

    /// Clears the progress line.
    static func endProgress() {
        guard stderrIsTerminal else { return }
        FileHandle.standardError.write(Data("\u{1B}[2K\r".utf8))
    }
}

/// Runs `body`, rendering any library error as one `error:` line and choosing the exit status.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        Console.endProgress()
        Console.error(error.localizedDescription)
        throw ExitStatus.failure
    }
}
