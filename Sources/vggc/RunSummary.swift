import Foundation
import Runtime
import VGGCKit

/// What `vggc run MODEL.bin DIR` prints: each image's top class, top-1 accuracy when the images are
/// labelled, the modeled cycles per image and the throughput, modeled and on the host.
struct RunSummary: Codable {
    var model: String
    var directory: String
    /// The part of the images run (`I/N`); `nil` for all of them.
    var shard: Shard?
    var images: Int
    /// Why the images have no labels, when they have none.
    var labelsUnavailable: String?
    var top1Accuracy: Double?
    /// Modeled cycles per image: the same for every image, since the program is static.
    var cyclesPerImage: Int
    var hardware: HardwareFigures
    var layers: [LayerStatistics.Row]?
    /// Wall-clock seconds the host took to preprocess and simulate all images.
    var hostSeconds: Double
    var hostImagesPerSecond: Double
    var results: [ImageResult]

    enum CodingKeys: String, CodingKey {
        case model, directory, shard, images, hardware, layers, results
        case labelsUnavailable = "labels_unavailable"
        case top1Accuracy = "top1_accuracy"
        case cyclesPerImage = "cycles_per_image"
        case hostSeconds = "host_seconds"
        case hostImagesPerSecond = "host_images_per_second"
    }

    init(model: String, directory: String, shard: Shard?, run: DirectoryRun, hardware: HardwareFigures, layers: [LayerStatistics.Row]?) {
        self.model = model
        self.directory = directory
        self.shard = shard
        images = run.results.count
        labelsUnavailable = run.labelsUnavailable
        top1Accuracy = run.top1Accuracy
        cyclesPerImage = hardware.cycles
        self.hardware = hardware
        self.layers = layers
        hostSeconds = run.hostSeconds
        hostImagesPerSecond = run.hostImagesPerSecond
        results = run.results
    }

    func renderText() -> String {
        var lines = ["\(model) on \(images) images of \(directory)" + (shard.map { " (shard \($0.text))" } ?? "")]
        if let top1Accuracy {
            lines.append(String(format: "top-1 accuracy  %.2f%%", top1Accuracy * 100))
        } else {
            lines.append("top-1 accuracy  unknown (\(labelsUnavailable ?? "no labels"))")
        }
        lines.append("")
        lines.append("per image (the program is static: every image takes the same cycles and energy)")
        lines += hardware.renderText()
        lines.append(String(format: "host            %.2f s for %d images, %.1f images/s simulated", hostSeconds, images,
                            hostImagesPerSecond))
        if let layers {
            lines.append("")
            lines += LayerStatistics.renderTable(layers)
        }
        return lines.joined(separator: "\n")
    }
}
