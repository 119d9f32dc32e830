/// The roofline plot: each layer with MACs as a point at its arithmetic intensity (MACs per DRAM
/// byte it moved) and its attained MACs per cycle, both on log scales, under the preset's compute
/// roof (`Po·Pi·Pk·Pp` MACs per cycle) and bandwidth roof (DRAM bytes per cycle × intensity).
/// Points are numbered by their index in `points` (the layer table's), points within 6 pixels of
/// each other under one label (`14,15,16`); the tooltip has the name.
public struct SVGRooflinePlot: Hashable, Sendable {
    /// One layer's figures.
    public struct Point: Hashable, Sendable {
        public var name: String
        public var op: String
        public var macs: Int
        public var dramBytes: Int
        public var cycles: Int

        public init(name: String, op: String, macs: Int, dramBytes: Int, cycles: Int) {
            self.name = name
            self.op = op
            self.macs = macs
            self.dramBytes = dramBytes
            self.cycles = cycles
        }

        /// MACs per DRAM byte; infinite for a layer that moved no DRAM bytes.
        public var intensity: Double { dramBytes > 0 ? Double(macs) / Double(dramBytes) : .infinity }
        /// MACs per cycle over the cycles the layer added (at least one cycle).
        public var attained: Double { Double(macs) / Double(max(cycles, 1)) }
    }

    /// The plot area inside the drawing, in pixels.
    public static let plotLeft = 70.0
    public static let plotTop = 20.0
    public static let plotWidth = 640.0
    public static let plotHeight = 380.0
    public static let width = 960.0
    public static let height = 450.0

    /// Every layer; those without MACs are left out of the plot.
    public var points: [Point]
    public var peakMACsPerCycle: Double
    public var dramBytesPerCycle: Double

    public init(points: [Point], peakMACsPerCycle: Double, dramBytesPerCycle: Double) {
        self.points = points
        self.peakMACsPerCycle = peakMACsPerCycle
        self.dramBytesPerCycle = dramBytesPerCycle
    }

    /// The layers drawn: those with MACs.
    public var plotted: [Point] { points.filter { $0.macs > 0 } }

    /// Intensity where the two roofs meet.
    public var ridge: Double { peakMACsPerCycle / dramBytesPerCycle }

    /// Decades covering every finite intensity and the ridge.
    public var xAxis: LogAxis {
        LogAxis(covering: plotted.map(\.intensity) + [ridge])
    }

    /// Decades covering every attained rate and the compute roof.
    public var yAxis: LogAxis {
        LogAxis(covering: plotted.map(\.attained) + [peakMACsPerCycle])
    }

    /// The pixel position of a point at `intensity` (the right edge for an infinite one) and
    /// `attained` MACs per cycle.
    public func position(intensity: Double, attained: Double) -> (x: Double, y: Double) {
        let xFraction = intensity.isFinite ? xAxis.fraction(of: intensity) : 1
        return (Self.plotLeft + Self.plotWidth * xFraction,
                Self.plotTop + Self.plotHeight * (1 - yAxis.fraction(of: attained)))
    }

    /// The `<svg>` element.
    public func render() -> String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height)
        drawAxes(on: &canvas)
        drawRoofs(on: &canvas)
        var labels: [(x: Double, y: Double, indices: [Int])] = []
        for (index, point) in points.enumerated() where point.macs > 0 {
            let (x, y) = position(intensity: point.intensity, attained: point.attained)
            if let near = labels.firstIndex(where: { abs($0.x - x) < 6 && abs($0.y - y) < 6 }) {
                labels[near].indices.append(index)
            } else {
                labels.append((x, y, [index]))
            }
            let intensityText = point.intensity.isFinite ? ReportFormat.fixed(point.intensity, digits: 2) + " MACs/byte"
                : "no DRAM traffic (drawn at the right edge)"
            let title = "#\(index) \(point.name) (\(point.op)): \(intensityText), \(ReportFormat.fixed(point.attained, digits: 1)) MACs/cycle "
                + "of \(ReportFormat.fixed(peakMACsPerCycle, digits: 0)), \(ReportFormat.grouped(point.macs)) MACs, "
                + "\(ReportFormat.grouped(point.dramBytes)) DRAM bytes, \(ReportFormat.grouped(point.cycles)) cycles"
            canvas.circle(cx: x, cy: y, radius: 5, fill: Self.colour(op: point.op), cssClass: "layer-point", title: title)
        }
        for label in labels {
            canvas.text(label.indices.map(String.init).joined(separator: ","), x: label.x + 6, y: label.y - 5, size: 10, fill: "#444")
        }
        drawLegend(on: &canvas)
        return canvas.rendered(label: "Roofline: attained MACs per cycle against MACs per DRAM byte, per layer")
    }

    private func drawAxes(on canvas: inout SVGCanvas) {
        let bottom = Self.plotTop + Self.plotHeight, right = Self.plotLeft + Self.plotWidth
        canvas.rect(x: Self.plotLeft, y: Self.plotTop, width: Self.plotWidth, height: Self.plotHeight, fill: "#fafafa", cssClass: "plot-area")
        for decade in xAxis.decades {
            let x = Self.plotLeft + Self.plotWidth * xAxis.fraction(of: decade.value)
            canvas.line(x1: x, y1: Self.plotTop, x2: x, y2: bottom, stroke: "#ddd")
            canvas.text(LogAxis.label(exponent: decade.exponent), x: x, y: bottom + 16, anchor: "middle")
        }
        for decade in yAxis.decades {
            let y = Self.plotTop + Self.plotHeight * (1 - yAxis.fraction(of: decade.value))
            canvas.line(x1: Self.plotLeft, y1: y, x2: right, y2: y, stroke: "#ddd")
            canvas.text(LogAxis.label(exponent: decade.exponent), x: Self.plotLeft - 6, y: y + 4, anchor: "end")
        }
        canvas.text("arithmetic intensity (MACs per DRAM byte, log)", x: Self.plotLeft + Self.plotWidth / 2, y: bottom + 36, anchor: "middle", size: 12)
        canvas.text("attained MACs per cycle (log)", x: 18, y: Self.plotTop + Self.plotHeight / 2, anchor: "middle", size: 12, rotated: true)
    }

    /// The bandwidth roof from where it enters the plot up to the ridge, then the compute roof.
    private func drawRoofs(on canvas: inout SVGCanvas) {
        let xLow = xAxis.lowerBound, xHigh = xAxis.upperBound
        let start = min(max(xLow, yAxis.lowerBound / dramBytesPerCycle), xHigh)
        let ridge = min(max(self.ridge, start), xHigh)
        var roof = [position(intensity: start, attained: dramBytesPerCycle * start),
                    position(intensity: ridge, attained: min(dramBytesPerCycle * ridge, peakMACsPerCycle))]
        if ridge < xHigh { roof.append(position(intensity: xHigh, attained: peakMACsPerCycle)) }
        canvas.polyline(roof, stroke: "#b22222", width: 2, cssClass: "roof",
                        title: "roofs: \(ReportFormat.fixed(peakMACsPerCycle, digits: 0)) MACs/cycle compute, "
                            + "\(ReportFormat.fixed(dramBytesPerCycle, digits: 2)) DRAM bytes/cycle × intensity; ridge at "
                            + "\(ReportFormat.fixed(self.ridge, digits: 2)) MACs/byte")
    }

    private func drawLegend(on canvas: inout SVGCanvas) {
        let x = Self.plotLeft + Self.plotWidth + 24
        canvas.line(x1: x, y1: Self.plotTop + 10, x2: x + 24, y2: Self.plotTop + 10, stroke: "#b22222", width: 2)
        canvas.text("compute roof \(ReportFormat.fixed(peakMACsPerCycle, digits: 0)) MACs/cycle", x: x + 30, y: Self.plotTop + 14)
        canvas.text("bandwidth roof \(ReportFormat.fixed(dramBytesPerCycle, digits: 2)) B/cycle", x: x + 30, y: Self.plotTop + 30)
        canvas.text("ridge \(ReportFormat.fixed(ridge, digits: 2)) MACs/byte", x: x + 30, y: Self.plotTop + 46)
        for (index, op) in ["Conv", "FullyConnected", "other"].enumerated() {
            let y = Self.plotTop + 70 + Double(index) * 18
            canvas.circle(cx: x + 12, cy: y - 4, radius: 5, fill: Self.colour(op: op))
            canvas.text(op, x: x + 30, y: y)
        }
        canvas.text("numbers: layer index in the table", x: x, y: Self.plotTop + 134)
    }

    /// Points are coloured by operator: convolutions blue, fully-connected layers orange, others grey.
    static func colour(op: String) -> String {
        switch op {
        case "Conv": return "#1f77b4"
        case "FullyConnected": return "#ff7f0e"
        default: return "#7f7f7f"
        }
    }
}
