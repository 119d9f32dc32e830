import Foundation
import IR

extension Preprocessing {
    /// Turns a decoded image into the model's `[1, C, H, W]` float32 input, step by step as
    /// documented on `Preprocessing`:
    /// 1. colour: gray or RGB, alpha dropped (see `ImagePlanes(colorOf:as:)`);
    /// 2. size: `bilinear` resizes to `height × width`; `resizeThenCenterCrop` resizes the shorter side
    ///    to `⌊max(height, width) × 256 / 224⌋` and the longer one to `⌊that × long / short⌋` (as
    ///    torchvision's `Resize(int)`), then crops `height × width` with the top left corner at
    ///    `⌊(resized − target) / 2⌋`; `zeroPad` places the image at `⌊(target − size) / 2⌋` in a black
    ///    frame. Resizing is bilinear with half-pixel centres and no antialiasing, as PyTorch's
    ///    `interpolate(mode="bilinear", align_corners=False)`. `antialiasedCenterCrop` is torchvision's
    ///    `Resize(shorterSide)` + `CenterCrop` of a PIL image: the shorter side becomes `shorterSide`
    ///    and the longer one `⌊shorterSide × long / short⌋` (computed in floating point, as torchvision
    ///    does), resampled as Pillow's antialiased bilinear `resize` on 8-bit samples
    ///    (`ImagePlanes.resizedAntialiased8Bit`), then the crop's top left corner is at
    ///    `(resized − target) / 2` rounded half to even (Python's `round`);
    /// 3. `x × scale`, then `(x − mean[c]) / std[c]`, where `c` counts R, G, B (before reordering);
    /// 4. planes in `channelOrder`.
    ///
    /// `path` names the image in errors.
    public func apply(to image: Image, path: String) throws -> Tensor {
        try validate()
        let planes = try fitted(ImagePlanes(colorOf: image, as: color), path: path)
        var normalized: [[Float]] = (0..<channels).map { c in
            let (mean, std) = normalization(channel: c)
            let plane = planes.values[c * height * width..<(c + 1) * height * width]
            return plane.map { ($0 * scale - mean) / std }
        }
        if channelOrder == .bgr { normalized.reverse() }
        return Tensor(shape: [1, channels, height, width], floats: normalized.flatMap { $0 })
    }

    /// Loads the image file at `url` and applies the preprocessing to it.
    public func loadTensor(imageAt url: URL) throws -> Tensor {
        try apply(to: ImageDecoder.load(url), path: url.path)
    }

    /// The length the shorter image side is resized to before a centre crop.
    public var centerCropResizeLength: Int { max(height, width) * 256 / 224 }

    private func fitted(_ planes: ImagePlanes, path: String) throws -> ImagePlanes {
        switch resize {
        case .bilinear:
            return planes.resizedBilinear(height: height, width: width)
        case .resizeThenCenterCrop:
            let short = centerCropResizeLength
            let (resizedHeight, resizedWidth) = planes.height <= planes.width
                ? (short, short * planes.width / planes.height)
                : (short * planes.height / planes.width, short)
            return planes.resizedBilinear(height: resizedHeight, width: resizedWidth)
                .cropped(top: (resizedHeight - height) / 2, left: (resizedWidth - width) / 2, height: height, width: width)
        case .antialiasedCenterCrop:
            let (resizedHeight, resizedWidth) = try antialiasedResizeSize(of: planes, path: path)
            return planes.resizedAntialiased8Bit(height: resizedHeight, width: resizedWidth)
                .cropped(top: Self.centeredOffset(resizedHeight - height), left: Self.centeredOffset(resizedWidth - width),
                         height: height, width: width)
        case .zeroPad:
            guard planes.height <= height, planes.width <= width else {
                throw RuntimeError.imageLargerThanInput(path: path, height: planes.height, width: planes.width,
                                                        inputHeight: height, inputWidth: width)
            }
            return planes.zeroPadded(top: (height - planes.height) / 2, left: (width - planes.width) / 2,
                                     height: height, width: width)
        }
    }

    /// The size torchvision's `Resize(shorterSide)` gives `planes`; refuses a size that does not
    /// hold the crop or takes more than 2^30 samples.
    private func antialiasedResizeSize(of planes: ImagePlanes, path: String) throws -> (height: Int, width: Int) {
        guard let shorterSide, shorterSide >= max(height, width) else {
            throw RuntimeError.invalidPreprocessing(reason: "antialiased-center-crop needs a shorter side of at least \(max(height, width)), not \(shorterSide.map(String.init) ?? "none")")
        }
        let short = min(planes.height, planes.width), long = max(planes.height, planes.width)
        let resizedLong = Double(shorterSide) * Double(long) / Double(short)
        guard resizedLong * Double(shorterSide) * Double(channels) <= Double(1 << 30) else {
            throw RuntimeError.invalidPreprocessing(reason: "\(path): resizing the shorter side to \(shorterSide) takes more than 2^30 samples")
        }
        return planes.width <= planes.height ? (Int(resizedLong), shorterSide) : (shorterSide, Int(resizedLong))
    }

    /// Half of `excess`, rounded half to even.
    static func centeredOffset(_ excess: Int) -> Int {
        Int((Double(excess) / 2).rounded(.toNearestOrEven))
    }

    private func validate() throws {
        guard height > 0, width > 0 else {
            throw RuntimeError.invalidPreprocessing(reason: "input size \(height)×\(width)")
        }
        for (name, values) in [("mean", mean), ("std", std)] where values.count != 1 && values.count != channels {
            throw RuntimeError.invalidPreprocessing(reason: "\(values.count) \(name) values for \(channels) channels (give 1 or \(channels))")
        }
        guard scale.isFinite, scale > 0, mean.allSatisfy(\.isFinite), std.allSatisfy({ $0.isFinite && $0 != 0 }) else {
            throw RuntimeError.invalidPreprocessing(reason: "scale \(scale), mean \(mean), std \(std) must be finite, with scale > 0 and std ≠ 0")
        }
    }
}
