import Foundation

/// A design-space plot: one objective (latency or energy, log scale) against one resource (DSP
/// blocks or block RAMs, linear from zero) for the configs of a sweep's Pareto front, with the
/// chosen config and the presets marked. Every mark's tooltip names its config and figures.
public struct SVGParetoPlot: Hashable, Sendable {
    /// What a mark stands for.
    public enum Kind: String, Hashable, Sendable {
        /// A config on the front.
        case front
        /// The config picked for the objective.
        case chosen
        /// A shipped preset, for comparison.
        case preset
    }

    /// One config.
    public struct Point: Hashable, Sendable {
        public var name: String
        public var resource: Int
        public var value: Double
        public var kind: Kind

        public init(name: String, resource: Int, value: Double, kind: Kind) {
            self.name = name
            self.resource = resource
            self.value = value
            self.kind = kind
        }
    }

    public static let plotLeft = 70.0
    public static let plotTop = 20.0
    public static let plotWidth = 520.0
    public static let plotHeight = 320.0
    public static let width = 780.0
    public static let height = 400.0

    public var points: [Point]
    /// Axis titles: `DSP blocks`, `latency (µs)`.
    public var resourceLabel: String
    public var valueLabel: String

    public init(points: [Point], resourceLabel: String, valueLabel: String) {
        self.points = points
        self.resourceLabel = resourceLabel
        self.valueLabel = valueLabel
    }

    /// Zero to the largest resource, rounded up to half its power of ten.
    public var resourceMaximum: Double {
        let largest = Double(max(points.map(\.resource).max() ?? 1, 1))
        let step = pow(10, log10(largest).rounded(.down)) / 2
        return (largest / step).rounded(.up) * step
    }

    /// Decades covering every value.
    public var valueAxis: LogAxis { LogAxis(covering: points.map(\.value)) }

    /// The pixel position of `point`.
    public func position(_ point: Point) -> (x: Double, y: Double) {
        (Self.plotLeft + Self.plotWidth * Double(point.resource) / resourceMaximum,
         Self.plotTop + Self.plotHeight * (1 - valueAxis.fraction(of: point.value)))
    }

    /// The `<svg>` element: the front as a staircase of points, presets as squares, the chosen
    /// config as a larger red point, drawn last.
    public func render() -> String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height)
        drawAxes(on: &canvas)
        let order: [Kind] = [.front, .preset, .chosen]
        for kind in order {
            for point in points where point.kind == kind {
                let (x, y) = position(point)
                let title = "\(point.name) (\(point.kind.rawValue)): \(resourceLabel) \(point.resource), \(valueLabel) "
                    + ReportFormat.fixed(point.value, digits: 1)
                switch kind {
                case .front: canvas.circle(cx: x, cy: y, radius: 4, fill: "#1f77b4", cssClass: "front-point", title: title)
                case .preset:
                    canvas.rect(x: x - 5, y: y - 5, width: 10, height: 10, fill: "#2ca02c", cssClass: "preset-point", title: title)
                    canvas.text(point.name, x: x + 8, y: y - 6, size: 10, fill: "#2ca02c")
                case .chosen:
                    canvas.circle(cx: x, cy: y, radius: 7, fill: "#d62728", cssClass: "chosen-point", title: title)
                    canvas.text(point.name, x: x + 9, y: y + 14, size: 10, fill: "#d62728")
                }
            }
        }
        drawLegend(on: &canvas)
        return canvas.rendered(label: "\(valueLabel) against \(resourceLabel) of the Pareto front, the chosen config and the presets")
    }

    private func drawAxes(on canvas: inout SVGCanvas) {
        let bottom = Self.plotTop + Self.plotHeight, right = Self.plotLeft + Self.plotWidth
        canvas.rect(x: Self.plotLeft, y: Self.plotTop, width: Self.plotWidth, height: Self.plotHeight, fill: "#fafafa", cssClass: "plot-area")
        for tick in 0...5 {
            let value = resourceMaximum * Double(tick) / 5
            let x = Self.plotLeft + Self.plotWidth * Double(tick) / 5
            canvas.line(x1: x, y1: Self.plotTop, x2: x, y2: bottom, stroke: "#ddd")
            canvas.text(ReportFormat.fixed(value, digits: 0), x: x, y: bottom + 16, anchor: "middle")
        }
        for decade in valueAxis.decades {
            let y = Self.plotTop + Self.plotHeight * (1 - valueAxis.fraction(of: decade.value))
            canvas.line(x1: Self.plotLeft, y1: y, x2: right, y2: y, stroke: "#ddd")
            canvas.text(LogAxis.label(exponent: decade.exponent), x: Self.plotLeft - 6, y: y + 4, anchor: "end")
        }
        canvas.text(resourceLabel, x: Self.plotLeft + Self.plotWidth / 2, y: bottom + 36, anchor: "middle", size: 12)
        canvas.text("\(valueLabel) (log)", x: 18, y: Self.plotTop + Self.plotHeight / 2, anchor: "middle", size: 12, rotated: true)
    }

    private func drawLegend(on canvas: inout SVGCanvas) {
        let x = Self.plotLeft + Self.plotWidth + 24
        canvas.circle(cx: x + 6, cy: Self.plotTop + 10, radius: 4, fill: "#1f77b4")
        canvas.text("Pareto front", x: x + 18, y: Self.plotTop + 14)
        canvas.circle(cx: x + 6, cy: Self.plotTop + 30, radius: 7, fill: "#d62728")
        canvas.text("chosen config", x: x + 18, y: Self.plotTop + 34)
        canvas.rect(x: x + 1, y: Self.plotTop + 45, width: 10, height: 10, fill: "#2ca02c")
        canvas.text("preset", x: x + 18, y: Self.plotTop + 54)
    }
}
