extension ImagePlanes {
    /// Bilinear resampling to `height × width` with half-pixel centres and no antialiasing: output
    /// pixel `i` samples the input at `(i + 0.5) × in / out − 0.5`, clamped at 0 below and to the last
    /// pixel above. This is PyTorch's `interpolate(mode="bilinear", align_corners=False,
    /// antialias=False)` (and OpenCV's `INTER_LINEAR` on float images).
    func resizedBilinear(height newHeight: Int, width newWidth: Int) -> ImagePlanes {
        let rows = Self.taps(from: height, to: newHeight)
        let columns = Self.taps(from: width, to: newWidth)
        var out = [Float](repeating: 0, count: channels * newHeight * newWidth)
        for c in 0..<channels {
            for (y, row) in rows.enumerated() {
                for (x, column) in columns.enumerated() {
                    let top = (1 - column.weight) * self[c, row.low, column.low] + column.weight * self[c, row.low, column.high]
                    let bottom = (1 - column.weight) * self[c, row.high, column.low] + column.weight * self[c, row.high, column.high]
                    out[(c * newHeight + y) * newWidth + x] = (1 - row.weight) * top + row.weight * bottom
                }
            }
        }
        return ImagePlanes(channels: channels, height: newHeight, width: newWidth, values: out)
    }

    /// The two source indices and the weight of the upper one for every output index along one axis.
    private static func taps(from size: Int, to newSize: Int) -> [(low: Int, high: Int, weight: Float)] {
        let scale = Float(size) / Float(newSize)
        return (0..<newSize).map { index in
            let source = max(scale * (Float(index) + 0.5) - 0.5, 0)
            let low = min(Int(source), size - 1)
            return (low, min(low + 1, size - 1), min(source - Float(low), 1))
        }
    }

    /// The `height × width` window whose top left corner is at (`top`, `left`).
    func cropped(top: Int, left: Int, height newHeight: Int, width newWidth: Int) -> ImagePlanes {
        precondition(top >= 0 && left >= 0 && top + newHeight <= height && left + newWidth <= width)
        var out: [Float] = []
        out.reserveCapacity(channels * newHeight * newWidth)
        for c in 0..<channels {
            for y in top..<top + newHeight {
                let start = (c * height + y) * width + left
                out.append(contentsOf: values[start..<start + newWidth])
            }
        }
        return ImagePlanes(channels: channels, height: newHeight, width: newWidth, values: out)
    }

    /// The image placed at (`top`, `left`) in a zero-filled `height × width` frame.
    func zeroPadded(top: Int, left: Int, height newHeight: Int, width newWidth: Int) -> ImagePlanes {
        precondition(top >= 0 && left >= 0 && top + height <= newHeight && left + width <= newWidth)
        var out = [Float](repeating: 0, count: channels * newHeight * newWidth)
        for c in 0..<channels {
            for y in 0..<height {
                let source = (c * height + y) * width
                let destination = (c * newHeight + top + y) * newWidth + left
                out[destination..<destination + width] = values[source..<source + width]
            }
        }
        return ImagePlanes(channels: channels, height: newHeight, width: newWidth, values: out)
    }
}
