import Runtime

/// The energy of one inference as a stacked bar of its four parts (MAC, SRAM, DRAM, static), each
/// with its microjoules and share in the legend.
public struct SVGEnergyBreakdown: Hashable, Sendable {
    public static let barLeft = 20.0
    public static let barWidth = 800.0
    public static let colours = ["#1f77b4", "#9467bd", "#d62728", "#7f7f7f"]
    public static let partNames = ["MAC", "SRAM", "DRAM", "static"]

    public var energy: EnergyReport

    public init(energy: EnergyReport) {
        self.energy = energy
    }

    /// The four parts in microjoules, in `partNames` order.
    public var partsMicrojoules: [Double] {
        [energy.macPJ, energy.sramPJ, energy.dramPJ, energy.staticPJ].map { $0 / 1e6 }
    }

    /// The `<svg>` element.
    public func render() -> String {
        var canvas = SVGCanvas(width: Self.barLeft * 2 + Self.barWidth, height: 110)
        let parts = partsMicrojoules
        let total = parts.reduce(0, +)
        var x = Self.barLeft
        for (index, part) in parts.enumerated() {
            let share = total > 0 ? part / total : 0
            let width = Self.barWidth * share
            canvas.rect(x: x, y: 10, width: width, height: 36, fill: Self.colours[index], cssClass: "energy-part",
                        title: "\(Self.partNames[index]): \(ReportFormat.fixed(part, digits: 3)) µJ (\(ReportFormat.percent(share)))")
            x += width
        }
        for (index, part) in parts.enumerated() {
            let share = total > 0 ? part / total : 0
            let legendX = Self.barLeft + Double(index) * Self.barWidth / 4
            canvas.rect(x: legendX, y: 62, width: 12, height: 12, fill: Self.colours[index], cssClass: "swatch")
            canvas.text("\(Self.partNames[index]) \(ReportFormat.fixed(part, digits: 3)) µJ (\(ReportFormat.percent(share)))",
                        x: legendX + 17, y: 72, size: 12)
        }
        canvas.text("total \(ReportFormat.fixed(total, digits: 3)) µJ per inference", x: Self.barLeft, y: 100, size: 12)
        return canvas.rendered(label: "Energy per inference by MAC, SRAM, DRAM and static power")
    }
}
