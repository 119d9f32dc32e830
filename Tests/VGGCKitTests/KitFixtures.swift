import Foundation
import Accelerator
import TestSupport
import VGGCKit

/// Shared inputs of the VGGCKit tests: the shipped LeNet and MNIST images, and the LeNet compiled
/// once for `de1soc` as the README example compiles it.
enum KitFixtures {
    static let root = GeneratedFiles.repositoryRoot
    /// Relative to the repository, as `vggc compile` run there records it.
    static let lenet = URL(fileURLWithPath: "models/lenet_de1soc.onnx", relativeTo: root)
    static let calibImages = root.appendingPathComponent("models/mnist/calib")
    static let testImages = root.appendingPathComponent("models/mnist/test")
    static let labels = root.appendingPathComponent("models/mnist/labels.txt")

    /// LeNet for `de1soc`, calibrated (min-max) on 40 images, with the MNIST labels.
    static let lenetOptions: Result<CompileOptions, Error> = Result {
        CompileOptions(target: try HardwareConfig.load(target: "de1soc"), calibration: .images(directory: calibImages, count: 40),
                       labels: try ClassLabels.load(labels))
    }

    static let compiledLeNet: Result<CompiledModel, Error> = Result {
        let compilation = try Compiler(options: try lenetOptions.get()).compile(modelAt: lenet)
        guard let model = compilation.model else { throw Missing(what: "the compiled model") }
        return model
    }

    struct Missing: Error { var what: String }

    /// A fresh temporary directory.
    static func directory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vggckit-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of one MNIST test image at `url`, its folders created.
    static func copyDigit(to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: testImages.appendingPathComponent("0002_0.png"), to: url)
    }

    /// A directory holding copies of the named MNIST test images.
    static func images(_ names: [String]) throws -> URL {
        let folder = try directory("images")
        for name in names {
            try FileManager.default.copyItem(at: testImages.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }
}
