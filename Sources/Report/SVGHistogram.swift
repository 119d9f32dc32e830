/// A column chart of a layer's stored weights (`WeightHistogram`), one column per bin on a linear
/// count scale, with the value range and the largest count on the axes.
public struct SVGHistogram: Hashable, Sendable {
    public static let plotLeft = 44.0
    public static let plotTop = 8.0
    public static let plotWidth = 320.0
    public static let plotHeight = 90.0

    public var histogram: WeightHistogram
    /// The layer's name, for the tooltips and the label.
    public var layer: String

    public init(histogram: WeightHistogram, layer: String) {
        self.histogram = histogram
        self.layer = layer
    }

    /// The `<svg>` element.
    public func render() -> String {
        var canvas = SVGCanvas(width: Self.plotLeft + Self.plotWidth + 12, height: Self.plotTop + Self.plotHeight + 30)
        let bottom = Self.plotTop + Self.plotHeight
        let tallest = max(histogram.counts.max() ?? 0, 1)
        let columnWidth = Self.plotWidth / Double(max(histogram.counts.count, 1))
        canvas.line(x1: Self.plotLeft, y1: bottom, x2: Self.plotLeft + Self.plotWidth, y2: bottom, stroke: "#888")
        for (index, count) in histogram.counts.enumerated() {
            let height = Self.plotHeight * Double(count) / Double(tallest)
            let range = histogram.range(ofBin: index)
            canvas.rect(x: Self.plotLeft + Double(index) * columnWidth, y: bottom - height, width: columnWidth * 0.9,
                        height: height, fill: "#4c78a8", cssClass: "bin",
                        title: "\(layer): \(ReportFormat.grouped(count)) weights in \(range.lowerBound)…\(range.upperBound)")
        }
        let last = histogram.range(ofBin: histogram.counts.count - 1).upperBound
        canvas.text("\(histogram.lowerBound)", x: Self.plotLeft, y: bottom + 14, anchor: "start", size: 10)
        canvas.text("\(last)", x: Self.plotLeft + Self.plotWidth, y: bottom + 14, anchor: "end", size: 10)
        canvas.text("stored weight value", x: Self.plotLeft + Self.plotWidth / 2, y: bottom + 14, anchor: "middle", size: 10)
        canvas.text(ReportFormat.grouped(tallest), x: Self.plotLeft - 4, y: Self.plotTop + 8, anchor: "end", size: 10)
        canvas.text("0", x: Self.plotLeft - 4, y: bottom, anchor: "end", size: 10)
        return canvas.rendered(label: "Histogram of the stored weights of \(layer)")
    }
}
