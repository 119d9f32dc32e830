import Accelerator
import Runtime


/// The load, compute and store units over the first instructions of a run, drawn from the same
/// `PipelineTimeline` events as `vggc run --trace`: three lanes, each instruction a rectangle
/// coloured by its kind, the cycles it waited for a token as a red mark before it, and the start of
/// each layer's cycles as a dashed line. Loads drawn under a GEMM are double buffering at work.
public struct SVGTimeline: Hashable, Sendable {
    /// One instruction on its unit's lane.
    public struct Bar: Hashable, Sendable {
        public var instruction: Int
        public var unit: ExecutionUnit
        public var mnemonic: String
        public var layer: String
        public var start: Int
        public var end: Int
        public var stall: Int
        public var stallQueue: String?

        public init(instruction: Int, unit: ExecutionUnit, mnemonic: String, layer: String, start: Int, end: Int,
                    stall: Int, stallQueue: String?) {
            self.instruction = instruction
            self.unit = unit
            self.mnemonic = mnemonic
            self.layer = layer
            self.start = start
            self.end = end
            self.stall = stall
            self.stallQueue = stallQueue
        }
    }

    /// The cycle a layer's cycles begin (the end of the layers before it).
    public struct Boundary: Hashable, Sendable {
        public var cycle: Int
        public var layer: String

        public init(cycle: Int, layer: String) {
            self.cycle = cycle
            self.layer = layer
        }
    }

    public static let plotLeft = 80.0
    public static let plotWidth = 1200.0
    public static let plotTop = 74.0
    public static let laneHeight = 34.0
    /// Instruction kinds in legend order, with their fills.
    public static let kinds: [(mnemonic: String, fill: String)] = [
        ("LOAD", "#4c78a8"), ("GEMM", "#54a24b"), ("POST", "#88d27a"), ("POOL", "#b279a2"), ("ALU", "#9d755d"), ("ADD", "#e45756"),
        ("STORE", "#f58518"), ("SYNC", "#bab0ac"),
    ]

    public var bars: [Bar]
    public var boundaries: [Boundary]

    public init(bars: [Bar], boundaries: [Boundary]) {
        self.bars = bars
        self.boundaries = boundaries
    }

    /// The first `limit` instructions of `program` that a unit runs, with the events of `timeline`,
    /// and the start of every layer whose cycles (`layerCycles`) begin before the last of them ends.
    public init(program: AcceleratorProgram, timeline: PipelineTimeline, layerCycles: [Int], limit: Int) {
        let names = program.layerNames
        var bars: [Bar] = []
        for (index, instruction) in program.instructions.enumerated() where bars.count < limit {
            guard let unit = instruction.unit else { continue }
            let event = timeline.events[index]
            bars.append(Bar(instruction: index, unit: unit, mnemonic: instruction.mnemonic,
                            layer: names.indices.contains(instruction.layer) ? names[instruction.layer] : "#\(instruction.layer)",
                            start: event.start, end: event.end, stall: event.stall, stallQueue: event.stallQueue?.name))
        }
        let last = bars.map(\.end).max() ?? 0
        var boundaries: [Boundary] = []
        var start = 0
        for (name, cycles) in zip(names, layerCycles) where start < last {
            boundaries.append(Boundary(cycle: start, layer: name))
            start += cycles
        }
        self.init(bars: bars, boundaries: boundaries)
    }

    /// The last cycle drawn: the latest end of a bar (at least 1).
    public var lastCycle: Int { max(bars.map(\.end).max() ?? 0, 1) }

    /// The horizontal position of `cycle`.
    public func x(ofCycle cycle: Int) -> Double {
        Self.plotLeft + Self.plotWidth * Double(cycle) / Double(lastCycle)
    }

    /// The top of `unit`'s lane.
    public static func laneTop(_ unit: ExecutionUnit) -> Double {
        plotTop + Double(unit.rawValue) * laneHeight
    }

    /// The `<svg>` element.
    public func render() -> String {
        let bottom = Self.plotTop + Double(ExecutionUnit.allCases.count) * Self.laneHeight
        var canvas = SVGCanvas(width: Self.plotLeft + Self.plotWidth + 20, height: bottom + 60)
        for unit in ExecutionUnit.allCases {
            let top = Self.laneTop(unit)
            canvas.rect(x: Self.plotLeft, y: top, width: Self.plotWidth, height: Self.laneHeight - 4,
                        fill: unit.rawValue % 2 == 0 ? "#f4f4f4" : "#ececec", cssClass: "lane")
            canvas.text(unit.name, x: Self.plotLeft - 8, y: top + Self.laneHeight / 2 + 2, anchor: "end", size: 12)
        }
        drawAxis(on: &canvas, bottom: bottom)
        for bar in bars {
            let top = Self.laneTop(bar.unit)
            let x = self.x(ofCycle: bar.start)
            let width = max(self.x(ofCycle: bar.end) - x, 0.5)
            var title = "#\(bar.instruction) \(bar.mnemonic) (\(bar.layer)): cycles \(bar.start)–\(bar.end) (\(bar.end - bar.start))"
            if bar.stall > 0 { title += ", waited \(bar.stall) on \(bar.stallQueue ?? "a token")" }
            canvas.rect(x: x, y: top + 3, width: width, height: Self.laneHeight - 10, fill: Self.fill(mnemonic: bar.mnemonic),
                        cssClass: "instr", title: title)
            if bar.stall > 0 {
                canvas.line(x1: self.x(ofCycle: bar.start - bar.stall), y1: top + Self.laneHeight - 6, x2: x,
                            y2: top + Self.laneHeight - 6, stroke: "#d62728", width: 3, cssClass: "stall")
            }
        }
        drawBoundaries(on: &canvas, bottom: bottom)
        drawLegend(on: &canvas, y: bottom + 44)
        return canvas.rendered(label: "Timeline of the load, compute and store units over the first \(bars.count) instructions")
    }

    /// A dashed line where each layer's cycles begin, named in the first of three label rows where
    /// the name fits after the previous one (else only in the line's tooltip).
    private func drawBoundaries(on canvas: inout SVGCanvas, bottom: Double) {
        var rowEnds = Array(repeating: -Double.infinity, count: 3)
        for boundary in boundaries {
            let x = self.x(ofCycle: boundary.cycle)
            canvas.line(x1: x, y1: Self.plotTop - 14, x2: x, y2: bottom, stroke: "#333", dashed: true, cssClass: "layer-boundary",
                        title: "\(boundary.layer) starts at cycle \(boundary.cycle)")
            let label = SVGCycleBars.shortened(boundary.layer)
            guard let row = rowEnds.firstIndex(where: { $0 < x }) else { continue }
            canvas.text(label, x: x + 3, y: Self.plotTop - 18 - Double(row) * 13, size: 10)
            rowEnds[row] = x + 3 + Double(label.count) * 5.6 + 4
        }
    }

    /// Ticks at a round step giving at most eight intervals.
    private func drawAxis(on canvas: inout SVGCanvas, bottom: Double) {
        let step = Self.tickStep(for: lastCycle)
        for cycle in stride(from: 0, through: lastCycle, by: step) {
            let x = self.x(ofCycle: cycle)
            canvas.line(x1: x, y1: bottom - 2, x2: x, y2: bottom + 4, stroke: "#888")
            canvas.text(ReportFormat.grouped(cycle), x: x, y: bottom + 16, anchor: "middle", size: 10)
        }
        canvas.text("cycle", x: Self.plotLeft + Self.plotWidth, y: bottom + 28, anchor: "end", size: 10)
    }

    private func drawLegend(on canvas: inout SVGCanvas, y: Double) {
        var x = Self.plotLeft
        for kind in Self.kinds {
            canvas.rect(x: x, y: y - 10, width: 12, height: 12, fill: kind.fill, cssClass: "swatch")
            canvas.text(kind.mnemonic, x: x + 16, y: y)
            x += 80
        }
        canvas.line(x1: x, y1: y - 4, x2: x + 20, y2: y - 4, stroke: "#d62728", width: 3)
        canvas.text("waiting for a token", x: x + 26, y: y)
        canvas.line(x1: x + 160, y1: y - 12, x2: x + 160, y2: y + 2, stroke: "#333", dashed: true)
        canvas.text("layer starts", x: x + 166, y: y)
    }

    /// 1, 2 or 5 × 10^k, the smallest giving at most eight intervals up to `last`.
    static func tickStep(for last: Int) -> Int {
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] where last / (factor * magnitude) <= 8 { return factor * magnitude }
            magnitude *= 10
        }
    }

    static func fill(mnemonic: String) -> String {
        kinds.first { $0.mnemonic == mnemonic }?.fill ?? "#cccccc"
    }
}
