import ArgumentParser
import Foundation
import VGGCKit

/// `vggc merge FILE.json…`: the `vggc eval --shard I/N --json` outputs of all shards combined into
/// the report of the unsharded evaluation.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the --json outputs of `vggc eval --shard I/N` into the unsharded evaluation's report.",
        discussion: """
            Give every shard 0/N … N-1/N exactly once, all of the same model, directory and options. \
            The result is what `vggc eval` without --shard prints: the images in input order, the \
            accuracies and agreement counted over all of them, and each layer's cosine and SQNR from \
            the shards' exact sums. Exits 1 when an image's output bytes differed from the integer \
            reference (--reference-int), as `vggc eval` does.
            """
    )

    @Argument(help: ArgumentHelp("The shards' JSON reports.", valueName: "file.json"))
    var files: [String]

    @Flag(help: "Print the result as JSON.")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give the JSON reports of the shards") }
    }

    func run() throws {
        let reports = try files.map { path in try reportingErrors { try Self.read(path) } }
        let first = reports[0]
        for (path, report) in zip(files, reports) where report.shard == nil {
            Console.error("\(path): not the report of a shard (no \"shard\"); run `vggc eval --shard I/N --json`")
            throw ExitStatus.failure
        }
        for (path, report) in zip(files, reports) where [report.model, report.directory, report.arithmetic, report.target]
            != [first.model, first.directory, first.arithmetic, first.target] {
            Console.error("\(path): evaluates \(report.model) (\(report.target)) on \(report.directory), "
                          + "but \(files[0]) evaluates \(first.model) (\(first.target)) on \(first.directory)")
            throw ExitStatus.failure
        }
        let merged = try reportingErrors {
            try EvaluationResult.merging(reports.compactMap { report in report.shard.map { ($0, report.result) } })
        }
        let report = EvaluationReport(model: first.model, directory: first.directory, arithmetic: first.arithmetic,
                                      target: first.target, shard: nil, result: merged)
        print(json ? try renderJSON(report) : report.renderText())
        if let mismatch = merged.firstReferenceMismatch {
            Console.error("\(merged.referenceMismatches) of \(merged.images) images differ from the integer reference; "
                          + "the first is \(mismatch.file) (output \(mismatch.output))")
            throw ExitStatus.failure
        }
    }

    private static func read(_ path: String) throws -> EvaluationReport {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw VGGCKitError.unreadableFile(path: path, reason: "cannot read the file")
        }
        do { return try JSONDecoder().decode(EvaluationReport.self, from: data) } catch {
            throw VGGCKitError.unreadableFile(path: path, reason: "not a `vggc eval --json` report (\(error))")
        }
    }
}
