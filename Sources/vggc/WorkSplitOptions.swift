import ArgumentParser
import VGGCKit

/// `--jobs` and `--shard`: how `vggc eval` and `vggc run DIR` split their images over threads and
/// over processes or machines.
struct WorkSplitOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Images run at once, one per thread (default: the core count); the output does not depend on it.",
                               valueName: "n"))
    var jobs: Int = ParallelWork.coreCount

    @Option(help: ArgumentHelp("""
        Run only shard I of N: of the images in input order (sorted, after --limit), image k goes to shard k mod N. \
        `vggc merge` combines the shards' --json outputs into the unsharded result.
        """, valueName: "I/N"))
    var shard: Shard?

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }
}

extension Shard: ExpressibleByArgument {
    public init?(argument: String) {
        guard let shard = try? Shard(text: argument) else { return nil }
        self = shard
    }
}
