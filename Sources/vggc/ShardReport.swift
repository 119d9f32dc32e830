import Foundation
import VGGCKit

/// One JSON report `vggc merge` was given: `vggc eval --json` or `vggc run MODEL.bin DIR --json`,
/// told apart by the run summary's `cycles_per_image`, which an evaluation report lacks.
enum ShardReport {
    case evaluation(EvaluationReport)
    case run(RunSummary)

    /// The command whose reports merge, as the errors name it.
    var command: String {
        switch self {
        case .evaluation: "vggc eval"
        case .run: "vggc run MODEL.bin DIR"
        }
    }

    /// The part of the images the report covers; `nil` for all of them.
    var shard: Shard? {
        switch self {
        case .evaluation(let report): report.shard
        case .run(let summary): summary.shard
        }
    }

    /// Reads the report at `path`.
    init(path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw VGGCKitError.unreadableFile(path: path, reason: "cannot read the file")
        }
        let decoder = JSONDecoder()
        let isRun = (try? decoder.decode(KindProbe.self, from: data))?.cyclesPerImage != nil
        do {
            self = isRun ? .run(try decoder.decode(RunSummary.self, from: data))
                : .evaluation(try decoder.decode(EvaluationReport.self, from: data))
        } catch {
            throw VGGCKitError.unreadableFile(
                path: path, reason: "not a `vggc eval --json` or `vggc run MODEL.bin DIR --json` report (\(error))")
        }
    }

    /// The one key that tells a run summary from an evaluation report.
    private struct KindProbe: Decodable {
        var cyclesPerImage: Int?

        enum CodingKeys: String, CodingKey {
            case cyclesPerImage = "cycles_per_image"
        }
    }
}
