import Resources
import Runtime

/// The report as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched.
/// Sections: summary, FPGA resources, per-layer table, roofline, cycle split, energy, timeline,
/// quantization.
/// Every name is escaped and every number has a fixed precision, so the same report gives the same
/// bytes.
public enum ReportPage {
    /// The `id` of each section, in page order.
    public static let sectionIDs = ["summary", "resources", "layers", "roofline", "cycles", "energy", "timeline", "quantization"]

    /// The page.
    public static func render(_ report: Report) -> String {
        let body = [header(report), summary(report), resources(report), layerTable(report), roofline(report), cycleBars(report),
                    energy(report), timeline(report), quantization(report)]
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>vggc report: \(escape(report.network)) on \(escape(report.config.name))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private static let style = """
        body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1360px; color: #222; background: #fff; }
        h1 { margin-bottom: 4px; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 4px; margin-top: 36px; }
        .subtitle { color: #555; margin-top: 0; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px; }
        .card { border: 1px solid #ddd; border-radius: 6px; padding: 10px 12px; background: #fafafa; }
        .card .label { font-size: 12px; color: #666; } .card .value { font-size: 20px; font-weight: 600; }
        .card .detail { font-size: 12px; color: #555; }
        table { border-collapse: collapse; font-size: 12px; width: 100%; }
        th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 6px; text-align: right; white-space: nowrap; }
        th { background: #f0f0f0; position: sticky; top: 0; }
        td.name, th.name, td.text { text-align: left; }
        tr.total td { font-weight: 600; border-top: 2px solid #999; }
        td.over { color: #b22222; font-weight: 600; }
        .scroll { overflow-x: auto; }
        .note { font-size: 13px; color: #555; max-width: 1100px; }
        .histograms { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 10px; }
        figure { margin: 0; border: 1px solid #eee; padding: 6px; } figcaption { font-size: 12px; color: #444; }
        """

    private static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }

    private static func header(_ report: Report) -> String {
        """
        <h1>\(escape(report.network)) on \(escape(report.config.name))</h1>
        <p class="subtitle">vggc accelerator report — one run of \(escape(report.input)).</p>
        """
    }

    // MARK: Summary

    private static func summary(_ report: Report) -> String {
        let total = report.statistics.total
        let config = report.config
        let array = config.array
        let cards = [
            card("Network", escape(report.network), detail: "from \(escape(report.source)), compiled by \(escape(report.producer))"),
            card("Preset", escape(config.name), detail: "Po·Pi·Pk·Pp = \(array.po)·\(array.pi)·\(array.pk)·\(array.pp) = "
                 + "\(report.peakMACsPerCycle) MACs/cycle at \(ReportFormat.fixed(config.clockMHz, digits: 1)) MHz; "
                 + "DRAM \(ReportFormat.fixed(config.dram.bytesPerCycle, digits: 2)) B/cycle; \(escape(config.source))"),
            card("Arithmetic", escape(report.arithmetic.rawValue), detail: "calibration: \(escape(report.calibration))"),
            card("Latency", "\(ReportFormat.grouped(report.latencyCycles)) cycles",
                 detail: "\(ReportFormat.fixed(report.latencyMicroseconds, digits: 2)) µs at \(ReportFormat.fixed(config.clockMHz, digits: 1)) MHz"),
            card("Throughput", "\(ReportFormat.fixed(report.imagesPerSecond, digits: 1)) images/s",
                 detail: "one image after another; \(ReportFormat.fixed(Double(total.macs) * 2 / report.latencyMicroseconds / 1e3, digits: 2)) GOP/s attained"),
            card("Energy per image", "\(ReportFormat.fixed(report.energy.totalPJ / 1e6, digits: 3)) µJ",
                 detail: "MAC \(ReportFormat.fixed(report.energy.macPJ / 1e6, digits: 3)), SRAM \(ReportFormat.fixed(report.energy.sramPJ / 1e6, digits: 3)), "
                 + "DRAM \(ReportFormat.fixed(report.energy.dramPJ / 1e6, digits: 3)), static \(ReportFormat.fixed(report.energy.staticPJ / 1e6, digits: 3)) µJ"),
            card("DRAM traffic", ReportFormat.bytes(total.dramBytes),
                 detail: "\(ReportFormat.grouped(total.dramBytesRead)) B read, \(ReportFormat.grouped(total.dramBytesWritten)) B written; "
                 + "compulsory \(ReportFormat.grouped(total.compulsoryBytes)) B; reuse-limited bound \(ReportFormat.grouped(total.reuseBoundBytes)) B"),
            card("Compute", "\(ReportFormat.grouped(total.macs)) MACs",
                 detail: "PE utilisation \(ReportFormat.percent(total.peUtilisation)); roofline bound \(ReportFormat.grouped(total.rooflineCycles)) cycles"
                 + (total.rooflineRatio.map { " (×\(ReportFormat.fixed($0, digits: 2)))" } ?? "")),
            card("Accuracy", report.accuracy.map(escape) ?? "not measured",
                 detail: report.prediction.map { "this image: \(escape($0))" } ?? "give --accuracy to show it here"),
            card("Program", "\(ReportFormat.grouped(report.instructionCount)) instructions",
                 detail: "\(report.statistics.rows.count) layers; \(ReportFormat.bytes(report.constantBytes)) of constants"),
        ]
        return """
            <section id="summary">
            <h2>Summary</h2>
            <div class="cards">
            \(cards.joined(separator: "\n"))
            </div>
            </section>
            """
    }

    private static func card(_ label: String, _ value: String, detail: String) -> String {
        "<div class=\"card\"><div class=\"label\">\(label)</div><div class=\"value\">\(value)</div><div class=\"detail\">\(detail)</div></div>"
    }

    // MARK: Resources

    private static func resources(_ report: Report) -> String {
        let headings = ["part", "DSP", "block RAM", "LUT", "FF", "fits"]
        let rows = ResourceReport.catalogue(report.config).map { estimate in
            let cells = estimate.rows.map { row in
                "<td\(row.needed > row.available ? " class=\"over\"" : "")>\(ReportFormat.grouped(row.needed)) / \(ReportFormat.grouped(row.available))</td>"
            }
            return "<tr><td class=\"name\">\(escape(estimate.part)) (\(escape(estimate.device)))</td>\(cells.joined())"
                + "<td>\(estimate.fits ? "yes" : "no")</td></tr>"
        }
        return """
            <section id="resources">
            <h2>FPGA resources</h2>
            <p class="note">What the reference RTL (<code>vggc rtl</code>) of \(escape(report.config.name)) needs on each known part, needed / \
            available: ResourceModel's estimate (<code>vggc resources</code>), its DSPs and logic fitted to Yosys synthesis runs, its block \
            RAMs (M10K on the Cyclone V) counted from the buffers. Red: over the part's capacity.</p>
            <div class="scroll"><table>
            <thead><tr>\(headings.map { "<th\($0 == "part" ? " class=\"name\"" : "")>\($0)</th>" }.joined())</tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table></div>
            </section>
            """
    }

    // MARK: Layers

    private static func layerTable(_ report: Report) -> String {
        let headings = ["#", "layer", "op", "MACs", "cycles", "roofline bound", "ratio", "PE util.", "DRAM bytes", "compulsory",
                        "DRAM / compulsory", "reuse bound", "stalls", "energy µJ", "tiling"]
        var rows: [String] = []
        for (index, row) in report.statistics.rows.enumerated() {
            let tiling = report.tilings.indices.contains(index) ? report.tilings[index] : ""
            rows.append(layerRow(index: "\(index)", row: row, tiling: tiling))
        }
        rows.append(layerRow(index: "", row: report.statistics.total, tiling: "", cssClass: "total"))
        return """
            <section id="layers">
            <h2>Layers</h2>
            <p class="note">Cycles are those each layer adds to the run; the roofline bound is the compiler's max(MACs / peak, \
            compulsory bytes / DRAM bytes per cycle); ratios above 1.15 are red. The reuse bound is the DRAM traffic no \
            schedule of a convolution or fully-connected layer beats with the config's on-chip storage (docs/SCHEDULING.md, \
            "Reuse-limited DRAM traffic"). Stalls are the cycles any unit waited for a \
            dependency token (hover for the queues).</p>
            <div class="scroll"><table>
            <thead><tr>\(headings.map { "<th\($0 == "layer" || $0 == "op" || $0 == "tiling" ? " class=\"name\"" : "")>\($0)</th>" }.joined())</tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table></div>
            </section>
            """
    }

    private static func layerRow(index: String, row: LayerStatistics.Row, tiling: String, cssClass: String? = nil) -> String {
        let stalls = row.stalls
        let stallTitle = "load \(stalls.load), compute \(stalls.compute), store \(stalls.store); queues: load→compute \(stalls.loadToCompute), "
            + "compute→load \(stalls.computeToLoad), compute→store \(stalls.computeToStore), store→compute \(stalls.storeToCompute)"
        let ratio = row.rooflineRatio.map { ReportFormat.fixed($0, digits: 2) } ?? "–"
        let over = (row.rooflineRatio ?? 0) > 1.15
        let traffic = row.compulsoryBytes > 0 ? ReportFormat.fixed(Double(row.dramBytes) / Double(row.compulsoryBytes), digits: 2) : "–"
        let cells = [
            "<td>\(index)</td>", "<td class=\"name\">\(escape(row.name))</td>", "<td class=\"text\">\(escape(row.op))</td>",
            "<td>\(ReportFormat.grouped(row.macs))</td>", "<td>\(ReportFormat.grouped(row.cycles))</td>",
            "<td>\(ReportFormat.grouped(row.rooflineCycles))</td>", "<td\(over ? " class=\"over\"" : "")>\(ratio)</td>",
            "<td>\(ReportFormat.percent(row.peUtilisation))</td>", "<td>\(ReportFormat.grouped(row.dramBytes))</td>",
            "<td>\(ReportFormat.grouped(row.compulsoryBytes))</td>", "<td>\(traffic)</td>",
            "<td>\(ReportFormat.grouped(row.reuseBoundBytes))</td>",
            "<td title=\"\(escape(stallTitle))\">\(ReportFormat.grouped(stalls.total))</td>",
            "<td>\(ReportFormat.fixed(row.energy.total, digits: 3))</td>", "<td class=\"text\">\(escape(tiling))</td>",
        ]
        return "<tr\(cssClass.map { " class=\"\($0)\"" } ?? "")>\(cells.joined())</tr>"
    }

    // MARK: Charts

    private static func roofline(_ report: Report) -> String {
        let points = report.statistics.rows.map {
            SVGRooflinePlot.Point(name: $0.name, op: $0.op, macs: $0.macs, dramBytes: $0.dramBytes, cycles: $0.cycles)
        }
        let plot = SVGRooflinePlot(points: points, peakMACsPerCycle: Double(report.peakMACsPerCycle),
                                   dramBytesPerCycle: report.config.dram.bytesPerCycle)
        return """
            <section id="roofline">
            <h2>Roofline</h2>
            <p class="note">Each layer with MACs at its arithmetic intensity (MACs per DRAM byte it moved) and the MACs per cycle \
            it attained over the cycles it added. Left of the ridge a layer is bound by DRAM bandwidth, right of it by the \
            \(report.peakMACsPerCycle)-MAC array. Hover a point for its figures.</p>
            \(plot.render())
            </section>
            """
    }

    private static func cycleBars(_ report: Report) -> String {
        let bars = zip(report.statistics.rows, report.cycleSplits).map { SVGCycleBars.Bar(name: $0.name, split: $1) }
        return """
            <section id="cycles">
            <h2>Where the cycles go</h2>
            <p class="note">Each layer's cycles split by what the compute unit did: ran an instruction (compute busy), waited \
            for a load→compute or store→compute token (DMA-bound), or neither (other stalls: waiting for fetch, pipeline fill, \
            stores draining after the last compute).</p>
            \(SVGCycleBars(bars: bars).render())
            </section>
            """
    }

    private static func energy(_ report: Report) -> String {
        """
        <section id="energy">
        <h2>Energy</h2>
        <p class="note">From the counters and the preset's energy model: a multiply and an add per MAC, SRAM per 64 bits \
        accessed, DRAM per bit moved, static power over the run.</p>
        \(SVGEnergyBreakdown(energy: report.energy).render())
        </section>
        """
    }

    private static func timeline(_ report: Report) -> String {
        let timeline = report.timeline
        return """
            <section id="timeline">
            <h2>Timeline</h2>
            <p class="note">The load, compute and store units over the first \(timeline.bars.count) of \
            \(ReportFormat.grouped(report.instructionCount)) instructions (the events of <code>vggc run --trace</code>). \
            Loads under a GEMM mean double buffering hides the DMA; red marks are cycles an instruction waited for a token. \
            Dashed lines mark where each layer's cycles begin.</p>
            <div class="scroll">\(timeline.render())</div>
            </section>
            """
    }

    // MARK: Quantization

    private static func quantization(_ report: Report) -> String {
        let headings = ["layer", "op", "input scale", "input zp", "output scale", "output zp", "weight scales (min…max)",
                        "requantization"]
        let rows = report.quantization.map { layer -> String in
            let inputs = layer.inputs
            let weights = layer.weights.map { weights -> String in
                let granularity = weights.scaleCount == 1 ? "per tensor" : "\(weights.scaleCount) channels"
                return "\(ReportFormat.scientific(Double(weights.minimumScale)))…\(ReportFormat.scientific(Double(weights.maximumScale))) (\(granularity))"
            }
            let cells = [
                "<td class=\"name\">\(escape(layer.name))</td>", "<td class=\"text\">\(escape(layer.op))</td>",
                "<td>\(inputs.map { ReportFormat.scientific(Double($0.scale)) }.joined(separator: ", "))</td>",
                "<td>\(inputs.map { "\($0.zeroPoint)" }.joined(separator: ", "))</td>",
                "<td>\(ReportFormat.scientific(Double(layer.output.scale)))</td>", "<td>\(layer.output.zeroPoint)</td>",
                "<td>\(weights ?? "–")</td>", "<td class=\"text\">\(escape(layer.weights?.requantization ?? "–"))</td>",
            ]
            return "<tr>\(cells.joined())</tr>"
        }
        let figures = report.quantization.compactMap { layer -> String? in
            guard let weights = layer.weights else { return nil }
            return """
                <figure>
                <figcaption>\(escape(layer.name)) (\(escape(layer.op))): \(ReportFormat.grouped(weights.histogram.total)) weights, \
                \(weights.channels) output channels</figcaption>
                \(SVGHistogram(histogram: weights.histogram, layer: layer.name).render())
                </figure>
                """
        }
        return """
            <section id="quantization">
            <h2>Quantization</h2>
            <p class="note">Real value = scale × (stored − zero point). Weight histograms count the stored weights in \
            \(WeightHistogram.binCount) bins.</p>
            <div class="scroll"><table>
            <thead><tr>\(headings.map { "<th\($0 == "layer" || $0 == "op" || $0 == "requantization" ? " class=\"name\"" : "")>\($0)</th>" }.joined())</tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table></div>
            <div class="histograms">
            \(figures.joined(separator: "\n"))
            </div>
            </section>
            """
    }
}
