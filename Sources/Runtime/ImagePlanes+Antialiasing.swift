extension ImagePlanes {
    /// The fixed-point precision of the resampling weights: 22 fractional bits, so that 255 times a
    /// sum of weights stays within 32 bits.
    static let weightFractionBits = 22

    /// Resampling to `height × width` as Pillow's `Image.resize(size, Image.BILINEAR)` does it on an
    /// 8-bit image (torchvision's `Resize` of a PIL image): samples are taken as 8-bit levels
    /// (`round(x × 255)`); each output pixel is a triangle-filtered average whose support widens
    /// with the reduction factor (antialiasing); the weights are fixed-point; the horizontal pass
    /// runs first and each pass rounds its result to an 8-bit level.
    func resizedAntialiased8Bit(height newHeight: Int, width newWidth: Int) -> ImagePlanes {
        var levels = values.map { Int32(($0 * 255).rounded().clamped(to: 0...255)) }
        var rows = height, columns = width
        if newWidth != width {
            levels = Self.resampleRows(levels, rows: channels * rows, columns: columns, taps: Self.antialiasedTaps(from: width, to: newWidth))
            columns = newWidth
        }
        if newHeight != height {
            levels = Self.resampleColumns(levels, channels: channels, rows: rows, columns: columns,
                                          taps: Self.antialiasedTaps(from: height, to: newHeight))
            rows = newHeight
        }
        return ImagePlanes(channels: channels, height: rows, width: columns, values: levels.map { Float($0) / 255 })
    }

    /// One output index's source range and fixed-point weights.
    struct Taps {
        var first: Int
        var weights: [Int32]
    }

    /// For every output index along an axis of `size` samples resized to `newSize`: the triangle
    /// filter `1 − |x|` stretched by the reduction factor (at least 1), centred on the output
    /// pixel's centre in source coordinates, over the source pixels whose centres it reaches after
    /// rounding the bounds; weights normalised to sum 1, then rounded to `weightFractionBits`.
    static func antialiasedTaps(from size: Int, to newSize: Int) -> [Taps] {
        let scale = Double(size) / Double(newSize)
        let stretch = max(scale, 1)
        return (0..<newSize).map { index in
            let centre = (Double(index) + 0.5) * scale
            let first = max(Int(centre - stretch + 0.5), 0)
            let end = min(Int(centre + stretch + 0.5), size)
            let raw = (first..<end).map { source in max(0, 1 - abs((Double(source) - centre + 0.5) / stretch)) }
            let total = raw.reduce(0, +)
            let unit = Double(1 << weightFractionBits)
            return Taps(first: first, weights: raw.map { Int32((($0 / (total == 0 ? 1 : total)) * unit + 0.5).rounded(.down)) })
        }
    }

    /// Each row of every plane (`rows` of them, all planes' rows one after another) resampled along its length.
    private static func resampleRows(_ levels: [Int32], rows: Int, columns: Int, taps: [Taps]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(rows * taps.count)
        for row in 0..<rows {
            let base = row * columns
            for tap in taps {
                out.append(weightedLevel(tap) { levels[base + $0] })
            }
        }
        return out
    }

    /// Each column of every plane resampled along its height.
    private static func resampleColumns(_ levels: [Int32], channels: Int, rows: Int, columns: Int, taps: [Taps]) -> [Int32] {
        var out = [Int32](repeating: 0, count: channels * taps.count * columns)
        for c in 0..<channels {
            for (y, tap) in taps.enumerated() {
                for x in 0..<columns {
                    out[(c * taps.count + y) * columns + x] = weightedLevel(tap) { levels[(c * rows + $0) * columns + x] }
                }
            }
        }
        return out
    }

    /// `Σ weight × level(source)`, rounded half up to an 8-bit level and clamped to 0…255.
    private static func weightedLevel(_ tap: Taps, level: (Int) -> Int32) -> Int32 {
        var sum = Int64(1) << (weightFractionBits - 1)
        for (offset, weight) in tap.weights.enumerated() {
            sum += Int64(weight) * Int64(level(tap.first + offset))
        }
        return Int32((sum >> Int64(weightFractionBits)).clamped(to: 0...255))
    }
}

extension Comparable {
    fileprivate func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
