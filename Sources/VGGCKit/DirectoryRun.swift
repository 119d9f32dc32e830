import Foundation
import Runtime

/// Every image of a directory run on the accelerator model: each image's top class, top-1 accuracy
/// when the images are labelled, and the host's time.
public struct DirectoryRun: Hashable, Sendable {
    /// In file-name order.
    public var results: [ImageResult]
    /// Why the images have no labels, when they have none.
    public var labelsUnavailable: String?
    /// The first image's run: counters, cycles and energy are the same for every image, since the
    /// program is static.
    public var run: AcceleratorRun
    /// Wall-clock seconds the host took to preprocess and simulate all images.
    public var hostSeconds: Double

    /// Runs every image of `directory` (`ImageDirectory.imageFiles`) on `session`, labelled as
    /// `LabeledImages` reads them when it can; `progress(done, total)` hears every image.
    public init(session: Session, directory: URL, progress: (Int, Int) -> Void = { _, _ in }) throws {
        let files = try ImageDirectory.imageFiles(in: directory)
        let expected: [Int]?
        do {
            expected = try LabeledImages(directory: directory, classNames: session.model.metadata.labels).labels
            labelsUnavailable = nil
        } catch {
            expected = nil
            labelsUnavailable = error.localizedDescription
        }
        let start = DispatchTime.now().uptimeNanoseconds
        var results: [ImageResult] = []
        var firstRun: AcceleratorRun?
        progress(0, files.count)
        for (index, file) in files.enumerated() {
            let inference = try session.run(imageAt: file)
            firstRun = firstRun ?? inference.run
            let output = inference.outputs[0]
            let best = output.top(1)[0]
            results.append(ImageResult(file: file.lastPathComponent, classIndex: best, label: session.label(best),
                                       score: output.scores[best], expected: expected?[index]))
            progress(index + 1, files.count)
        }
        hostSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        self.results = results
        run = firstRun!  // imageFiles(in:) refuses a directory without images

    }

    /// The fraction of labelled images whose top class is the label; `nil` without labels.
    public var top1Accuracy: Double? {
        let labelled = results.filter { $0.expected != nil }
        guard !labelled.isEmpty else { return nil }
        return Double(labelled.filter { $0.expected == $0.classIndex }.count) / Double(labelled.count)
    }

    /// Images per second the host simulated.
    public var hostImagesPerSecond: Double {
        hostSeconds > 0 ? Double(results.count) / hostSeconds : 0
    }
}
