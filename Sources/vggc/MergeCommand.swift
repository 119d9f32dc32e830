import ArgumentParser
import Exploration
import Foundation
import VGGCKit

/// `vggc merge FILE.json…`: the `vggc eval --shard I/N --json` (or `vggc run MODEL.bin DIR --shard
/// I/N --json`, or `vggc explore --shard I/N --json`) outputs of all shards combined into the
/// report of the unsharded command.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the --json outputs of `vggc eval`, `vggc run MODEL.bin DIR` or `vggc explore` with --shard I/N into the unsharded report.",
        discussion: """
            Give every shard 0/N … N-1/N exactly once, all of the same model, directory and options. \
            The result is what `vggc eval` without --shard prints: the images in input order, the \
            accuracies and agreement counted over all of them, and each layer's cosine and SQNR from \
            the shards' exact sums. Exits 1 when an image's output bytes differed from the integer \
            reference (--reference-int), as `vggc eval` does. Shards of `vggc run MODEL.bin DIR` merge \
            into its summary: the images in input order, top-1 accuracy over all of them, the same \
            hardware figures; its host seconds are the sum of the shards' and its host images/s the \
            images over that sum. Shards of `vggc explore` merge into the unsharded sweep's front, best \
            config and counts, byte for byte; -o and --html then write what `vggc explore` writes. \
            Reports of different commands do not mix.
            """
    )

    @Argument(help: ArgumentHelp("The shards' JSON reports.", valueName: "file.json"))
    var files: [String]

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Explore shards: write the best config as a target JSON for --target.",
                                                    valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Explore shards: write the HTML page with the Pareto plots.", valueName: "file"))
    var html: String?

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give the JSON reports of the shards") }
    }

    func run() throws {
        let reports = try files.map { path in try reportingErrors { try ShardReport(path: path) } }
        var evaluations: [(file: String, shard: Shard, report: EvaluationReport)] = []
        var runs: [(file: String, shard: Shard, summary: RunSummary)] = []
        var explorations: [ExplorationResult] = []
        for (path, report) in zip(files, reports) {
            guard let shard = report.shard else {
                Console.error("\(path): not the report of a shard (no \"shard\"); run `\(report.command) --shard I/N --json`")
                throw ExitStatus.failure
            }
            guard report.command == reports[0].command else {
                Console.error("\(path) is a `\(report.command)` report but \(files[0]) is a `\(reports[0].command)` report: "
                              + "merge the shards of one command")
                throw ExitStatus.failure
            }
            switch report {
            case .evaluation(let evaluation): evaluations.append((path, shard, evaluation))
            case .run(let summary): runs.append((path, shard, summary))
            case .exploration(let result): explorations.append(result)
            }
        }
        if explorations.isEmpty, output != nil || html != nil {
            Console.error("-o and --html write an exploration's best config and plots: merge `vggc explore --shard I/N --json` reports")
            throw ExitStatus.usage
        }
        if !explorations.isEmpty {
            let merged = try reportingErrors { try ExplorationResult.merging(explorations) }
            try ExploreCommand.emit(merged, json: json, output: output, html: html)
        } else if runs.isEmpty {
            try mergeEvaluations(evaluations)
        } else {
            let merged = try reportingErrors { try RunSummary.merging(runs) }
            print(json ? try renderJSON(merged) : merged.renderText())
        }
    }

    private func mergeEvaluations(_ parts: [(file: String, shard: Shard, report: EvaluationReport)]) throws {
        let first = parts[0].report
        for (path, _, report) in parts where [report.model, report.directory, report.arithmetic, report.target]
            != [first.model, first.directory, first.arithmetic, first.target] {
            Console.error("\(path): evaluates \(report.model) (\(report.target)) on \(report.directory), "
                          + "but \(parts[0].file) evaluates \(first.model) (\(first.target)) on \(first.directory)")
            throw ExitStatus.failure
        }
        let merged = try reportingErrors { try EvaluationResult.merging(parts.map { ($0.shard, $0.report.result) }) }
        let report = EvaluationReport(model: first.model, directory: first.directory, arithmetic: first.arithmetic,
                                      target: first.target, shard: nil, result: merged)
        print(json ? try renderJSON(report) : report.renderText())
        if let mismatch = merged.firstReferenceMismatch {
            Console.error("\(merged.referenceMismatches) of \(merged.images) images differ from the integer reference; "
                          + "the first is \(mismatch.file) (output \(mismatch.output))")
            throw ExitStatus.failure
        }
    }
}
