import Foundation
import Frontend
import IR

/// Errors of VGGCKit's own: what the library checks before or between the modules' work. The
/// modules' own errors (`FrontendError`, `IRError`, `AcceleratorError`, `BackendError`,
/// `RuntimeError`) pass through unchanged.
public enum VGGCKitError: Error, Hashable, LocalizedError {
    /// The model uses operators, attributes or types vggc does not support; nothing else was done.
    case unsupportedModel(path: String, report: SupportReport)
    /// The quantizer's or the backend's rules refuse nodes of the model on the target (`CapabilityCheck`).
    case unsupportedOnTarget(model: String, target: String, problems: [CapabilityProblem])
    /// A stage name that is none of `Compiler.stageNames`.
    case unknownStage(String, available: [String])
    /// Quantization, calibration and the runtime take a model with one input.
    case inputCount(model: String, inputs: [String])
    /// The preprocessing colour makes `channels` planes; the model's input has `inputChannels`.
    case colorChannels(color: Preprocessing.Color, channels: Int, input: String, inputChannels: Int)
    /// A per-channel normalisation (`mean` or `std`) has neither one value nor one per channel.
    case normalizationCount(field: String, count: Int, channels: Int)
    /// The full-intensity sample value is neither 1 nor 255.
    case sampleScale(Float)
    /// A standard deviation is zero or not finite.
    case standardDeviation([Float])
    /// Calibration takes at least one image.
    case calibrationCount(Int)
    /// An evaluation takes at least one image.
    case evaluationLimit(Int)
    /// The per-layer comparison is against the float model, and none was given.
    case perLayerWithoutFloatModel
    /// The file cannot be written (checked before any work).
    case unwritableOutput(path: String, reason: String)
    /// A file the library reads (class labels, a labels table) cannot be read.
    case unreadableFile(path: String, reason: String)
    /// An evaluation image has no label: no `labels.csv` row (`labelsFile`), or no `_<label>` in its name.
    case missingLabel(file: String, labelsFile: String?)
    /// A label is neither a class index nor one of the model's class names.
    case unknownLabel(file: String, label: String)
    /// A `labels.csv` line is not `file,label`.
    case malformedLabels(path: String, line: Int)
    /// An input file was given without a name for a model with several inputs.
    case unnamedInput(spec: String, inputs: [String])
    /// The float graph's activations take more bytes than `CompileOptions.activationByteLimit`.
    case activationsTooLarge(model: String, bytes: Int, largest: String, largestBytes: Int, limit: Int)
    /// Work runs on at least one thread.
    case jobCount(Int)
    /// A shard `index/count` with a count below 1 or an index outside `0..<count`.
    case invalidShard(index: Int, count: Int)
    /// A shard is written `I/N`.
    case malformedShard(String)
    /// A shard of a directory run selects none of its images.
    case emptyShard(shard: String, images: Int)
    /// The shards given to a merge are not exactly `0/N … N-1/N`.
    case incompleteShards(given: [String], count: Int)
    /// A shard's result cannot be merged with the others.
    case shardsDisagree(shard: String, reason: String)
    /// `--resize-shorter` and `--center-crop` go together, and replace `--resize`.
    case resizeShorterChoice(reason: String)
    /// The centre crop must be the model input's size, and no larger than the resized shorter side.
    case centerCropSize(crop: Int, shorterSide: Int, inputHeight: Int, inputWidth: Int)

    /// A layer of the quantized graph has no QuantizeLinear/DequantizeLinear form (`QDQExporter`).
    case notExpressibleAsQDQ(layer: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unsupportedModel(let path, let report):
            return "\(path): \(report.issues.count) unsupported feature(s); nothing was compiled"
        case .unsupportedOnTarget(let model, let target, let problems):
            return "\(model): \(problems.count) problem(s) on \(target); nothing was calibrated or compiled (vggc check lists the same)"
        case .activationsTooLarge(let model, let bytes, let largest, let largestBytes, let limit):
            return "\(model): the activations of one image take \(bytes) bytes (the largest, '\(largest)', \(largestBytes)), "
                + "beyond the limit of \(limit); nothing was calibrated (raise it with --max-activation-bytes)"
        case .notExpressibleAsQDQ(let layer, let reason):
            return "layer '\(layer)' cannot be exported as QDQ ONNX: \(reason)"
        case .unknownStage(let stage, let available):
            return "unknown stage '\(stage)'; stages are: \(available.joined(separator: ", "))"
        case .inputCount(let model, let inputs):
            return "\(model): the model has \(inputs.count) inputs (\(inputs.joined(separator: ", "))); quantization and the runtime take one"
        case .colorChannels(let color, let channels, let input, let inputChannels):
            return "color \(color.rawValue) gives \(channels) channel(s), but the model's input '\(input)' has \(inputChannels)"
        case .normalizationCount(let field, let count, let channels):
            return "\(field) has \(count) values; give 1 or \(channels) (one per channel)"
        case .sampleScale(let scale):
            return "the sample scale must be 1 or 255, not \(scale)"
        case .standardDeviation(let std):
            return "std values must be finite and non-zero, not \(std)"
        case .calibrationCount(let count):
            return "calibration needs at least one image, not \(count)"
        case .evaluationLimit(let limit):
            return "an evaluation needs at least one image, not \(limit)"
        case .perLayerWithoutFloatModel:
            return "the per-layer comparison is against the float model, and none was given"
        case .unwritableOutput(let path, let reason):
            return "\(path): cannot write here (\(reason)); nothing was compiled"
        case .unreadableFile(let path, let reason):
            return "\(path): \(reason)"
        case .missingLabel(let file, let labelsFile):
            return "\(file): no label: " + (labelsFile.map { "not listed in \($0)" }
                ?? "name the file <anything>_<label>.<ext> or add labels.csv (file,label)")
        case .unknownLabel(let file, let label):
            return "\(file): label '\(label)' is neither a class index nor a class name"
        case .malformedLabels(let path, let line):
            return "\(path): line \(line): expected 'file,label'"
        case .jobCount(let jobs):
            return "jobs must be at least 1, not \(jobs)"
        case .invalidShard(let index, let count):
            return "shard \(index)/\(count): the index must be from 0 to the count minus 1, the count at least 1"
        case .malformedShard(let text):
            return "'\(text)' is not a shard: write I/N, e.g. 0/4"
        case .emptyShard(let shard, let images):
            return "shard \(shard) of \(images) image(s) has no image"
        case .incompleteShards(let given, let count):
            return "shards \(given.joined(separator: ", ")) are not each of 0/\(count) … \(max(count - 1, 0))/\(count) exactly once"
        case .shardsDisagree(let shard, let reason):
            return "shard \(shard) cannot be merged with the others: \(reason)"
        case .resizeShorterChoice(let reason):
            return reason
        case .centerCropSize(let crop, let shorterSide, let inputHeight, let inputWidth):
            return "a \(crop)×\(crop) centre crop of the shorter side resized to \(shorterSide) must be the model input's "
                + "\(inputHeight)×\(inputWidth), and no larger than \(shorterSide)"
        case .unnamedInput(let spec, let inputs):
            return "'\(spec)': the model has \(inputs.count) inputs (\(inputs.joined(separator: ", "))); write NAME=FILE"
        }
    }
}
