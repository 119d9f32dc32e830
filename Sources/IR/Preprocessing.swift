/// How an image becomes the model's input tensor. Chosen at compile time and stored with the
/// compiled model, so that calibration, evaluation and the runtime all feed the network alike.
///
/// The steps, in order: decode (any format, any bit depth) → convert colour to `color` → fit to the
/// model's height and width (`resize`) → scale samples to `[0, 1]` or `[0, 255]` (`scale`) →
/// per channel `(x - mean[c]) / std[c]` → lay out as `[1, C, H, W]` in `channelOrder`.
public struct Preprocessing: Hashable, Sendable, Codable {
    /// How the decoded image is fitted to the model's input size.
    public enum Resize: String, Hashable, Sendable, Codable, CaseIterable {
        /// Bilinear resize straight to `height × width` (aspect ratio not kept).
        case bilinear
        /// Bilinear resize of the shorter side to `max(height, width) × 256 / 224` (the ImageNet
        /// convention), then a centred `height × width` crop.
        case resizeThenCenterCrop = "center-crop"
        /// Zero padding around the image, centred, to `height × width` (MNIST 28 → 32); an image
        /// larger than the target is an error.
        case zeroPad = "pad"
        /// torchvision's `Resize(shorterSide)` + `CenterCrop(height)` on a PIL image: the shorter side
        /// resized to `shorterSide` with Pillow's antialiased bilinear filter on 8-bit samples, then a
        /// centred `height × width` crop (`vggc compile --resize-shorter N --center-crop M`).
        case antialiasedCenterCrop = "antialiased-center-crop"
    }

    /// The colour the network expects.
    public enum Color: String, Hashable, Sendable, Codable, CaseIterable {
        /// One channel; colour images are converted with ITU-R BT.601 luma weights.
        case gray
        /// Three channels; gray images are replicated, alpha is dropped.
        case rgb
    }

    /// Channel order of a three-channel input.
    public enum ChannelOrder: String, Hashable, Sendable, Codable, CaseIterable {
        case rgb
        case bgr
    }

    public var resize: Resize
    public var color: Color
    public var channelOrder: ChannelOrder
    /// The value of a full-intensity sample after scaling: 1 (`[0, 1]`) or 255 (`[0, 255]`).
    public var scale: Float
    /// Per-channel mean subtracted after scaling (one value, or one per channel).
    public var mean: [Float]
    /// Per-channel standard deviation divided by after subtracting the mean.
    public var std: [Float]
    /// The model's input height and width.
    public var height: Int
    public var width: Int
    /// The length the shorter side is resized to before an `antialiasedCenterCrop`; `nil` (and
    /// absent from the stored JSON) for every other resize.
    public var shorterSide: Int?

    public init(resize: Resize = .bilinear, color: Color, channelOrder: ChannelOrder = .rgb, scale: Float = 1,
                mean: [Float] = [0], std: [Float] = [1], height: Int, width: Int, shorterSide: Int? = nil) {
        self.resize = resize
        self.color = color
        self.channelOrder = channelOrder
        self.scale = scale
        self.mean = mean
        self.std = std
        self.height = height
        self.width = width
        self.shorterSide = shorterSide
    }

    /// The defaults for a model input of type `[N, C, H, W]`: gray for one channel, RGB otherwise,
    /// scaled to `[0, 1]`, bilinear resize to `H × W`, no normalisation.
    public static func defaults(for input: TensorType) -> Preprocessing {
        let dims = input.shape.dims
        let channels = dims.count == 4 ? dims[1] : 1
        return Preprocessing(color: channels == 1 ? .gray : .rgb,
                             height: dims.count >= 2 ? dims[dims.count - 2] : 1,
                             width: dims.last ?? 1)
    }

    /// Number of channels the preprocessed tensor has.
    public var channels: Int { color == .gray ? 1 : 3 }

    /// The mean and standard deviation of channel `c` (a single value applies to every channel).
    public func normalization(channel c: Int) -> (mean: Float, std: Float) {
        (mean.count == 1 ? mean[0] : mean[c], std.count == 1 ? std[0] : std[c])
    }

    /// The range a preprocessed sample of channel `c` can take: `[(0 - mean) / std, (scale - mean) / std]`.
    public func valueRange(channel c: Int) -> ClosedRange<Float> {
        let (m, s) = normalization(channel: c)
        let ends = [(0 - m) / s, (scale - m) / s]
        return ends.min()!...ends.max()!
    }
}
