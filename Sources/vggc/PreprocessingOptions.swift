import ArgumentParser
import IR

/// Compile-time preprocessing flags; what they choose is stored in the compiled model.
struct PreprocessingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("How images are fitted to the model's input: bilinear, center-crop (resize the shorter side, then crop) or pad (zero-pad, e.g. 28→32).", valueName: "mode"))
    var resize: Preprocessing.Resize?

    @Option(help: ArgumentHelp("Colour the network expects: gray or rgb (default: by the input's channel count).", valueName: "color"))
    var color: Preprocessing.Color?

    @Option(help: ArgumentHelp("Channel order of a three-channel input: rgb or bgr.", valueName: "order"))
    var channelOrder: Preprocessing.ChannelOrder?

    @Option(help: ArgumentHelp("Full-intensity sample value after scaling: 1 for [0, 1], 255 for [0, 255].", valueName: "max"))
    var scale: Float?

    @Option(help: ArgumentHelp("Per-channel mean subtracted after scaling, e.g. 0.485,0.456,0.406.", valueName: "values"))
    var mean: FloatList?

    @Option(help: ArgumentHelp("Per-channel standard deviation, e.g. 0.229,0.224,0.225.", valueName: "values"))
    var std: FloatList?

    /// The preprocessing for a model input of type `input`: its defaults, overridden by the flags.
    /// With `feedsImages`, the colour must give the input's channel count.
    func preprocessing(for input: TensorType, feedsImages: Bool) throws -> Preprocessing {
        var result = Preprocessing.defaults(for: input)
        if let resize { result.resize = resize }
        if let color { result.color = color }
        if let channelOrder { result.channelOrder = channelOrder }
        if let scale {
            guard scale == 1 || scale == 255 else { throw ValidationError("--scale must be 1 or 255, not \(scale)") }
            result.scale = scale
        }
        if let mean { result.mean = mean.values }
        if let std { result.std = std.values }
        let channels = input.shape.rank == 4 ? input.shape[1] : result.channels
        guard result.channels == channels || !feedsImages else {
            throw ValidationError("--color \(result.color.rawValue) gives \(result.channels) channel(s); the model's input \(input) has \(channels)")
        }
        for (flag, values) in [("--mean", result.mean), ("--std", result.std)] where values.count != 1 && values.count != channels {
            throw ValidationError("\(flag) has \(values.count) values; give 1 or \(channels) (one per channel)")
        }
        guard result.std.allSatisfy({ $0 != 0 && $0.isFinite }) else { throw ValidationError("--std values must be non-zero") }
        return result
    }
}

extension Preprocessing.Resize: ExpressibleByArgument {}
extension Preprocessing.Color: ExpressibleByArgument {}
extension Preprocessing.ChannelOrder: ExpressibleByArgument {}

/// A comma-separated list of numbers (`0.485,0.456,0.406`).
struct FloatList: ExpressibleByArgument {
    var values: [Float]

    init?(argument: String) {
        let parsed = argument.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else { return nil }
        values = parsed.compactMap { $0 }
    }
}
