import Foundation
import Runtime

/// What `vggc run MODEL.bin DIR` prints: each image's top class, top-1 accuracy when the images are
/// labelled, the modeled cycles per image and the throughput, modeled and on the host.
struct RunSummary: Encodable {
    /// One image's result.
    struct ImageResult: Encodable {
        var file: String
        var classIndex: Int
        var label: String
        var score: Float
        /// The true class, when known.
        var expected: Int?

        enum CodingKeys: String, CodingKey {
            case file, label, score, expected
            case classIndex = "class"
        }
    }

    var model: String
    var directory: String
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
        case model, directory, images, hardware, layers, results
        case labelsUnavailable = "labels_unavailable"
        case top1Accuracy = "top1_accuracy"
        case cyclesPerImage = "cycles_per_image"
        case hostSeconds = "host_seconds"
        case hostImagesPerSecond = "host_images_per_second"
    }

    init(model: String, directory: String, results: [ImageResult], labelsUnavailable: String?, hardware: HardwareFigures,
         layers: [LayerStatistics.Row]?, hostSeconds: Double) {
        self.model = model
        self.directory = directory
        images = results.count
        self.labelsUnavailable = labelsUnavailable
        let labelled = results.filter { $0.expected != nil }
        top1Accuracy = labelled.isEmpty ? nil
            : Double(labelled.filter { $0.expected == $0.classIndex }.count) / Double(labelled.count)
        cyclesPerImage = hardware.cycles
        self.hardware = hardware
        self.layers = layers
        self.hostSeconds = hostSeconds
        hostImagesPerSecond = hostSeconds > 0 ? Double(results.count) / hostSeconds : 0
        self.results = results
    }

    func renderText() -> String {
        var lines = ["\(model) on \(images) images of \(directory)"]
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
