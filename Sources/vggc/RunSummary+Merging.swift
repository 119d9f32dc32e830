import VGGCKit

extension RunSummary {
    /// The summary of the whole `vggc run MODEL.bin DIR` from the summaries of all its shards (each
    /// with the file it was read from): the images interleaved back into input order
    /// (`Shard.interleaving`), top-1 accuracy counted over all of them, the hardware figures (the
    /// same for every image) those of the shards. The host's wall clock cannot be reproduced:
    /// `hostSeconds` is the sum of the shards' seconds (in shard order), and the rate the images over
    /// that sum. Refuses shards of another model, directory, target, labels or `--stats`.
    static func merging(_ parts: [(file: String, shard: Shard, summary: RunSummary)]) throws -> RunSummary {
        let ordered = parts.sorted { $0.shard.index < $1.shard.index }
        let results = try Shard.interleaving(ordered.map { ($0.shard, $0.summary.results) })
        let (firstFile, first) = (parts[0].file, parts[0].summary)
        for (file, shard, part) in ordered where part.model != first.model || part.directory != first.directory
            || part.hardware != first.hardware || part.layers != first.layers || part.labelsUnavailable != first.labelsUnavailable {
            throw VGGCKitError.shardsDisagree(
                shard: shard.text,
                reason: "\(file) runs \(part.model) (\(part.hardware.target)) on \(part.directory) but \(firstFile) runs "
                    + "\(first.model) (\(first.hardware.target)) on \(first.directory), or their labels or --stats differ")
        }
        var merged = first
        merged.shard = nil
        merged.results = results
        merged.images = results.count
        merged.top1Accuracy = DirectoryRun.top1Accuracy(of: results)
        merged.hostSeconds = ordered.map(\.summary.hostSeconds).reduce(0, +)
        merged.hostImagesPerSecond = DirectoryRun.imagesPerSecond(images: results.count, seconds: merged.hostSeconds)
        return merged
    }
}
