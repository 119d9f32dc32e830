import ArgumentParser
import IR
import VGGCKit

/// Compile-time preprocessing flags; what they choose is stored in the compiled model.
struct PreprocessingOptions: ParsableArguments {
    @Option(help: ArgumentHelp("How images are fitted to the model's input: bilinear, center-crop (resize the shorter side, then crop) or pad (zero-pad, e.g. 28→32).", valueName: "mode"))
    var resize: Preprocessing.Resize?

    @Option(help: ArgumentHelp("Resize the shorter side to this length as torchvision's Resize does on PIL images (Pillow's antialiased bilinear), then crop --center-crop; instead of --resize.", valueName: "n"))
    var resizeShorter: Int?

    @Option(help: ArgumentHelp("The centred square crop after --resize-shorter, as torchvision's CenterCrop; the model input's size.", valueName: "n"))
    var centerCrop: Int?

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

    func validate() throws {
        try validating { try choices.validate() }
    }

    /// The flags as the library takes them; the model's input decides the rest.
    var choices: PreprocessingChoices {
        PreprocessingChoices(resize: resize, color: color, channelOrder: channelOrder, scale: scale, mean: mean?.values,
                             std: std?.values, resizeShorter: resizeShorter, centerCrop: centerCrop)
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
