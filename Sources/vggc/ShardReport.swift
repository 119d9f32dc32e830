import Foundation
import Exploration
import VGGCKit

/// One JSON report `vggc merge` was given: `vggc eval --json`, `vggc run MODEL.bin DIR --json` or
/// `vggc explore --json`, told apart by the run summary's `cycles_per_image` and the exploration's
/// `pareto`, which an evaluation report lacks.
enum ShardReport {
    case evaluation(EvaluationReport)
    case run(RunSummary)
    case exploration(ExplorationResult)

    /// The command whose reports merge, as the errors name it.
    var command: String {
        switch self {
        case .evaluation: "vggc eval"
        case .run: "vggc run MODEL.bin DIR"
        case .exploration: "vggc explore"
        }
    }

    /// The part of the images the report covers; `nil` for all of them.
    var shard: Shard? {
        switch self {
        case .evaluation(let report): report.shard
        case .run(let summary): summary.shard
        case .exploration(let result): result.shard
        }
    }

    /// Reads the report at `path`.
    init(path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw VGGCKitError.unreadableFile(path: path, reason: "cannot read the file")
        }
        let decoder = JSONDecoder()
        let probe = try? decoder.decode(KindProbe.self, from: data)
        do {
            if probe?.pareto != nil {
                self = .exploration(try decoder.decode(ExplorationResult.self, from: data))
            } else if probe?.cyclesPerImage != nil {
                self = .run(try decoder.decode(RunSummary.self, from: data))
            } else {
                self = .evaluation(try decoder.decode(EvaluationReport.self, from: data))
            }
        } catch {
            throw VGGCKitError.unreadableFile(
                path: path, reason: "not a `vggc eval --json`, `vggc run MODEL.bin DIR --json` or `vggc explore --json` report (\(error))")
        }
    }

    /// The keys that tell a run summary and an exploration from an evaluation report.
    private struct KindProbe: Decodable {
        var cyclesPerImage: Int?
        var pareto: [Skipped]?

        enum CodingKeys: String, CodingKey {
            case cyclesPerImage = "cycles_per_image"
            case pareto
        }
    }

    /// Any JSON value, not read.
    private struct Skipped: Decodable {
        init(from decoder: Decoder) throws {}
    }
}
