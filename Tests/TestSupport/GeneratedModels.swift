import Foundation

/// The models the repository's scripts generate: the zoo's weights (`Scripts/make_zoo_weights.py`)
/// and the pre-quantized QDQ models (`Scripts/make_qdq_models.py`), regenerated when missing or stale.
public enum GeneratedModels {
    /// The PyTorch-exported zoo graphs under `models/zoo`.
    public static let zoo = ["alexnet", "vgg11", "vgg13", "vgg16", "vgg16_bn", "vgg19"]
    /// The `quantize_static` configurations of the QDQ models.
    public static let qdqConfigurations = ["u8_per_tensor", "u8_per_channel", "s8_per_tensor", "s8_per_channel"]
    /// The shipped models the QDQ models are made from.
    public static let qdqSources = ["lenet_de1soc", "vgg16_mnist"]

    public static let zooDirectory = GeneratedFiles.repositoryRoot.appendingPathComponent("models/zoo")
    public static let qdqDirectory = GeneratedFiles.repositoryRoot.appendingPathComponent("models/qdq")

    /// The stems of every QDQ model, e.g. `lenet_de1soc_u8_per_tensor`.
    public static var qdqStems: [String] {
        qdqSources.flatMap { model in qdqConfigurations.map { "\(model)_\($0)" } }
    }

    /// `models/zoo/<model>.<suffix>`.
    public static func zooFile(_ model: String, _ suffix: String) -> URL {
        zooDirectory.appendingPathComponent("\(model).\(suffix)")
    }

    /// Regenerates a zoo model's external weights when missing or older than its graph.
    public static func ensureZooWeights(_ model: String) throws {
        try GeneratedFiles.ensure([zooFile(model, "weights")], from: [zooFile(model, "onnx")],
                                  script: "make_zoo_weights.py", arguments: ["--models", model])
    }

    /// Runs Scripts/make_qdq_models.py when an output is missing or older than the script, the
    /// shipped models or the image folders.
    public static func ensureQDQModels() throws {
        let sources = ["Scripts/make_qdq_models.py", "models/lenet_de1soc.onnx", "models/vgg16_mnist.onnx",
                       "models/mnist/calib", "models/mnist/test"].map { GeneratedFiles.repositoryRoot.appendingPathComponent($0) }
        let outputs = qdqSources.map { qdqDirectory.appendingPathComponent("\($0).input.pb") }
            + qdqStems.flatMap { ["\($0).onnx", "\($0).output.pb"].map(qdqDirectory.appendingPathComponent) }
        try GeneratedFiles.ensure(outputs, from: sources, script: "make_qdq_models.py")
    }
}
