import IR

/// An image as separate channel planes (`channels × height × width`, row-major), the layout the
/// preprocessing steps after colour conversion work on.
struct ImagePlanes: Equatable {
    var channels: Int
    var height: Int
    var width: Int
    var values: [Float]

    init(channels: Int, height: Int, width: Int, values: [Float]) {
        precondition(values.count == channels * height * width)
        self.channels = channels
        self.height = height
        self.width = width
        self.values = values
    }

    /// The colour channels of `image` as one gray plane or three RGB planes. Alpha is dropped (the
    /// colour is used as stored, not composited over a background, as Pillow's `convert` does); RGB
    /// becomes gray by ITU-R BT.601 luma `0.299 R + 0.587 G + 0.114 B`; gray becomes RGB by repetition.
    init(colorOf image: Image, as color: Preprocessing.Color) {
        let stride = image.format.channelCount
        let pixels = image.width * image.height
        let source = image.samples
        let planes: [[Float]]
        switch (color, image.format.colorChannelCount) {
        case (.gray, 1):
            planes = [(0..<pixels).map { source[$0 * stride] }]
        case (.gray, _):
            planes = [(0..<pixels).map { pixel in
                let base = pixel * stride
                return 0.299 * source[base] + 0.587 * source[base + 1] + 0.114 * source[base + 2]
            }]
        case (.rgb, 1):
            planes = Array(repeating: (0..<pixels).map { source[$0 * stride] }, count: 3)
        case (.rgb, _):
            planes = (0..<3).map { channel in (0..<pixels).map { source[$0 * stride + channel] } }
        }
        self.init(channels: planes.count, height: image.height, width: image.width, values: planes.flatMap { $0 })
    }

    /// The value of channel `c` at row `y`, column `x`.
    subscript(c: Int, y: Int, x: Int) -> Float {
        values[(c * height + y) * width + x]
    }
}
