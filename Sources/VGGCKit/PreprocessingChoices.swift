import IR

/// What a user chooses about preprocessing; every choice left `nil` takes the model input's
/// default (`Preprocessing.defaults(for:)`). The result is stored with the compiled model.
public struct PreprocessingChoices: Hashable, Sendable {
    public var resize: Preprocessing.Resize?
    public var color: Preprocessing.Color?
    public var channelOrder: Preprocessing.ChannelOrder?
    /// The full-intensity sample value after scaling: 1 or 255.
    public var scale: Float?
    /// Per-channel mean, one value or one per channel.
    public var mean: [Float]?
    /// Per-channel standard deviation, one value or one per channel, none zero.
    public var std: [Float]?
    /// torchvision's `Resize(resizeShorter)` + `CenterCrop(centerCrop)` on PIL images
    /// (`Preprocessing.Resize.antialiasedCenterCrop`): both or neither, instead of `resize`; the
    /// crop must be the model input's height and width.
    public var resizeShorter: Int?
    public var centerCrop: Int?

    public init(resize: Preprocessing.Resize? = nil, color: Preprocessing.Color? = nil,
                channelOrder: Preprocessing.ChannelOrder? = nil, scale: Float? = nil, mean: [Float]? = nil,
                std: [Float]? = nil, resizeShorter: Int? = nil, centerCrop: Int? = nil) {
        self.resize = resize
        self.color = color
        self.channelOrder = channelOrder
        self.scale = scale
        self.mean = mean
        self.std = std
        self.resizeShorter = resizeShorter
        self.centerCrop = centerCrop
    }

    /// Refuses what no model could take: a scale other than 1 or 255, a zero or infinite std, a
    /// shorter side without a crop (or the reverse), either with `resize`, `resize` chosen as
    /// `antialiasedCenterCrop` without them, a crop larger than the shorter side.
    public func validate() throws {
        if let scale, scale != 1 && scale != 255 { throw VGGCKitError.sampleScale(scale) }
        if let std, !std.allSatisfy({ $0 != 0 && $0.isFinite }) { throw VGGCKitError.standardDeviation(std) }
        if resize == .antialiasedCenterCrop {
            throw VGGCKitError.resizeShorterChoice(reason: "choose the antialiased centre crop with --resize-shorter N --center-crop M")
        }
        if (resizeShorter == nil) != (centerCrop == nil) {
            throw VGGCKitError.resizeShorterChoice(reason: "--resize-shorter and --center-crop go together")
        }
        if resizeShorter != nil && resize != nil {
            throw VGGCKitError.resizeShorterChoice(reason: "--resize-shorter and --center-crop replace --resize: give one or the other")
        }
        if let resizeShorter, let centerCrop, !(1...resizeShorter).contains(centerCrop) || resizeShorter > 1 << 16 {
            throw VGGCKitError.resizeShorterChoice(reason: "--center-crop \(centerCrop) must be from 1 to --resize-shorter \(resizeShorter), at most 65536")
        }
    }

    /// The preprocessing for the model input `input`: its defaults, overridden by the choices.
    /// When images are fed (`feedsImages`, calibration) or the colour is chosen, the colour must
    /// give the input's channel count; mean and std need one value or one per channel.
    public func preprocessing(for input: ValueInfo, feedsImages: Bool) throws -> Preprocessing {
        try validate()
        var result = Preprocessing.defaults(for: input.type)
        if let resize { result.resize = resize }
        if let color { result.color = color }
        if let channelOrder { result.channelOrder = channelOrder }
        if let scale { result.scale = scale }
        if let mean { result.mean = mean }
        if let std { result.std = std }
        if let resizeShorter, let centerCrop {
            guard centerCrop == result.height && centerCrop == result.width else {
                throw VGGCKitError.centerCropSize(crop: centerCrop, shorterSide: resizeShorter, inputHeight: result.height,
                                                  inputWidth: result.width)
            }
            result.resize = .antialiasedCenterCrop
            result.shorterSide = resizeShorter
        }
        let channels = input.type.shape.rank == 4 ? input.type.shape[1] : result.channels
        guard result.channels == channels || (!feedsImages && color == nil) else {
            throw VGGCKitError.colorChannels(color: result.color, channels: result.channels, input: input.name,
                                             inputChannels: channels)
        }
        for (field, values) in [("mean", result.mean), ("std", result.std)] where values.count != 1 && values.count != channels {
            throw VGGCKitError.normalizationCount(field: field, count: values.count, channels: channels)
        }
        return result
    }
}
