import Foundation
import Runtime

/// Every image of a directory run on the accelerator model: each image's top class, top-1 accuracy
/// when the images are labelled, and the host's time.
public struct DirectoryRun: Hashable, Sendable {
    /// In input order (`DatasetDirectory`).
    public var results: [ImageResult]
    /// Why the images have no labels, when they have none.
    public var labelsUnavailable: String?
    /// The first image's run: counters, cycles and energy are the same for every image, since the
    /// program is static.
    public var run: AcceleratorRun
    /// Wall-clock seconds the host took to preprocess and simulate all images.
    public var hostSeconds: Double

    /// Runs `shard`'s part of the images of `directory` (`DatasetDirectory`) on `session`, `jobs` at
    /// a time (the results do not depend on it), labelled as `LabeledImages` reads them when it can;
    /// `progress(done, total)` hears every image, on the calling thread.
    public init(session: Session, directory: URL, labelsFile: URL? = nil, shard: Shard = .whole, jobs: Int = 1,
                progress: (Int, Int) -> Void = { _, _ in }) throws {
        guard jobs >= 1 else { throw VGGCKitError.jobCount(jobs) }
        let dataset = try DatasetDirectory(directory: directory)
        let expected: [Int]?
        do {
            expected = try LabeledImages(directory: directory, classNames: session.model.metadata.labels, labelsFile: labelsFile).labels
            labelsUnavailable = nil
        } catch {
            expected = nil
            labelsUnavailable = error.localizedDescription
        }
        let positions = shard.positions(among: dataset.names.count)
        guard let firstPosition = positions.first else {
            throw VGGCKitError.emptyShard(shard: shard.text, images: dataset.names.count)
        }
        let files = dataset.files, names = dataset.names
        let start = DispatchTime.now().uptimeNanoseconds
        progress(0, positions.count)
        let measured = try ParallelWork.map(count: positions.count, jobs: jobs, progress: { progress($0, positions.count) }) { index in
            let position = positions[index]
            let inference = try session.run(imageAt: files[position])
            let output = inference.outputs[0]
            let best = output.top(1)[0]
            let result = ImageResult(file: names[position], classIndex: best, label: session.label(best), score: output.scores[best],
                                     expected: expected?[position])
            return (result, position == firstPosition ? inference.run : nil)
        }
        hostSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        results = measured.map(\.0)
        run = measured[0].1!  // positions is not empty, and its first image kept its run
    }

    /// The fraction of labelled images whose top class is the label; `nil` without labels.
    public var top1Accuracy: Double? { Self.top1Accuracy(of: results) }

    /// The fraction of the labelled images among `results` whose top class is the label; `nil`
    /// when none is labelled.
    public static func top1Accuracy(of results: [ImageResult]) -> Double? {
        let labelled = results.filter { $0.expected != nil }
        guard !labelled.isEmpty else { return nil }
        return Double(labelled.filter { $0.expected == $0.classIndex }.count) / Double(labelled.count)
    }

    /// Images per second the host simulated.
    public var hostImagesPerSecond: Double { Self.imagesPerSecond(images: results.count, seconds: hostSeconds) }

    /// `images / seconds`; 0 when no time was measured.
    public static func imagesPerSecond(images: Int, seconds: Double) -> Double {
        seconds > 0 ? Double(images) / seconds : 0
    }
}
