/// A horizontal bar per layer of the cycles it added to the run, split into compute-busy, DMA-bound
/// and other stall cycles (`LayerCycleSplit`), on one linear scale, with a legend.
public struct SVGCycleBars: Hashable, Sendable {
    /// One layer's bar.
    public struct Bar: Hashable, Sendable {
        public var name: String
        public var split: LayerCycleSplit

        public init(name: String, split: LayerCycleSplit) {
            self.name = name
            self.split = split
        }
    }

    /// Where the bars start and how long the longest is, in pixels.
    public static let barLeft = 200.0
    public static let barWidth = 640.0
    public static let rowHeight = 20.0
    public static let legendHeight = 34.0
    /// The fill of each segment: compute-busy, DMA-bound, other stalls.
    public static let colours = ["#2ca02c", "#d62728", "#bbbbbb"]
    public static let segmentNames = ["compute busy", "DMA-bound (compute waits on load/store)", "other stalls (fetch, fill, drain)"]

    public var bars: [Bar]

    public init(bars: [Bar]) {
        self.bars = bars
    }

    /// The `<svg>` element.
    public func render() -> String {
        let height = Self.legendHeight + Double(bars.count) * Self.rowHeight + 10
        var canvas = SVGCanvas(width: Self.barLeft + Self.barWidth + 120, height: height)
        drawLegend(on: &canvas)
        let longest = Double(max(bars.map(\.split.total).max() ?? 0, 1))
        for (row, bar) in bars.enumerated() {
            let y = Self.legendHeight + Double(row) * Self.rowHeight
            let split = bar.split
            let parts = [split.computeBusy, split.dmaBound, split.otherStalls]
            let title = "\(bar.name): \(ReportFormat.grouped(split.total)) cycles = "
                + zip(parts, Self.segmentNames).map { "\(ReportFormat.grouped($0)) \($1)" }.joined(separator: " + ")
            canvas.beginGroup(cssClass: "layer-bar", title: title)
            canvas.text(Self.shortened(bar.name), x: Self.barLeft - 8, y: y + 14, anchor: "end")
            var x = Self.barLeft
            for (part, colour) in zip(parts, Self.colours) where part > 0 {
                let width = Self.barWidth * Double(part) / longest
                canvas.rect(x: x, y: y + 3, width: width, height: Self.rowHeight - 6, fill: colour, cssClass: "segment")
                x += width
            }
            canvas.text(ReportFormat.grouped(split.total), x: x + 6, y: y + 14, size: 10, fill: "#444")
            canvas.endGroup()
        }
        return canvas.rendered(label: "Cycles per layer: compute busy, DMA-bound and other stalls")
    }

    private func drawLegend(on canvas: inout SVGCanvas) {
        var x = Self.barLeft
        for (name, colour) in zip(Self.segmentNames, Self.colours) {
            canvas.rect(x: x, y: 8, width: 12, height: 12, fill: colour, cssClass: "swatch")
            canvas.text(name, x: x + 17, y: 18)
            x += 17 + Double(name.count) * 6.2 + 18
        }
    }

    /// Names longer than 28 characters keep their first 27 and an ellipsis (the tooltip has all).
    static func shortened(_ name: String) -> String {
        name.count > 28 ? String(name.prefix(27)) + "…" : name
    }
}
