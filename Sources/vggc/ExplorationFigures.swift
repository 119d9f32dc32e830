import Exploration
import Report

/// An exploration result as the report module draws it (`vggc explore --html`).
enum ExplorationFigures {
    /// The page: what was swept, the two Pareto plots and the front's table, `best` (the result's
    /// best point) chosen.
    static func page(_ result: ExplorationResult, best: DesignPoint) -> String {
        let notes = [
            "\(result.model) on \(result.part) at \(result.clockMHz) MHz: \(result.swept) configs fit the part and budget, "
                + "\(result.evaluated) compiled and timed, \(result.pruned) pruned by the work bound; \(result.pareto.count) on the "
                + "Pareto front over latency, energy, DSP blocks and block RAMs.",
            "Chosen for \(result.objective.rawValue): \(best.config.name), \(best.cycles) cycles, "
                + ReportFormat.fixed(best.latencyUs, digits: 1) + " µs, " + ReportFormat.fixed(best.energyUJ, digits: 1)
                + " µJ, \(best.dsp) DSP, \(best.bram36) block RAMs.",
            "Presets (squares) are sized on the same part by the resource model; one above the part's capacity does not fit it.",
        ]
        let plots = [
            SVGParetoPlot(points: points(result, best: best, resource: \.dsp, value: \.latencyUs), resourceLabel: "DSP blocks",
                          valueLabel: "latency (µs)"),
            SVGParetoPlot(points: points(result, best: best, resource: \.bram36, value: \.energyUJ), resourceLabel: "block RAMs",
                          valueLabel: "energy (µJ)"),
        ]
        let rows = result.pareto.map { point in
            [point.config.name + (point == best ? " (chosen)" : ""), ReportFormat.grouped(point.cycles),
             ReportFormat.fixed(point.latencyUs, digits: 1), ReportFormat.fixed(point.energyUJ, digits: 1), "\(point.dsp)",
             "\(point.bram36)", "\(point.lut)"]
        }
        return ExplorationPage.render(
            title: "vggc explore: \(result.model) on \(result.part)", notes: notes, plots: plots,
            table: ExplorationPage.Table(header: ["config", "cycles", "latency µs", "energy µJ", "DSP", "block RAMs", "LUTs"], rows: rows))
    }

    /// The front (the chosen config marked) and the presets, as marks of one plot.
    private static func points(_ result: ExplorationResult, best: DesignPoint, resource: KeyPath<DesignPoint, Int>,
                               value: KeyPath<DesignPoint, Double>) -> [SVGParetoPlot.Point] {
        result.pareto.map { point in
            SVGParetoPlot.Point(name: point.config.name, resource: point[keyPath: resource], value: point[keyPath: value],
                                kind: point == best ? .chosen : .front)
        } + result.presets.map { point in
            SVGParetoPlot.Point(name: point.config.name, resource: point[keyPath: resource], value: point[keyPath: value], kind: .preset)
        }
    }
}
