/// A decoded image: `height × width` pixels, each with `format.channelCount` samples in `[0, 1]`
/// (the stored integer divided by its full-scale value, whatever the file's bit depth), stored
/// interleaved and row by row from the top left.
public struct Image: Hashable, Sendable {
    /// The channels of each pixel.
    public enum PixelFormat: Int, Hashable, Sendable, CaseIterable {
        case gray = 1
        case grayAlpha = 2
        case rgb = 3
        case rgba = 4

        /// Samples per pixel.
        public var channelCount: Int { rawValue }

        /// Samples per pixel without alpha: 1 or 3.
        public var colorChannelCount: Int { self == .gray || self == .grayAlpha ? 1 : 3 }

        /// The format with `channelCount` channels, or nil for a count other than 1…4.
        public init?(channelCount: Int) { self.init(rawValue: channelCount) }
    }

    public var width: Int
    public var height: Int
    public var format: PixelFormat
    /// `height × width × format.channelCount` samples.
    public var samples: [Float]

    /// Creates an image; the sample count must match the size and format.
    public init(width: Int, height: Int, format: PixelFormat, samples: [Float]) {
        precondition(width > 0 && height > 0 && samples.count == width * height * format.channelCount,
                     "\(samples.count) samples for a \(width)×\(height) \(format) image")
        self.width = width
        self.height = height
        self.format = format
        self.samples = samples
    }

    /// Sample `channel` of the pixel in row `y`, column `x`.
    public func sample(y: Int, x: Int, channel: Int) -> Float {
        samples[(y * width + x) * format.channelCount + channel]
    }
}
