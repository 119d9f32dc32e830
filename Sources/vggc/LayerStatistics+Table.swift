import Backend
import Foundation
import Runtime

extension LayerStatistics {
    /// The `--stats` table: one line per row, with a header.
    static func renderTable(_ rows: [Row]) -> [String] {
        let nameWidth = min(32, max(5, rows.map(\.name.count).max() ?? 0) + 2)
        let header = pad("layer", nameWidth) + pad("op", 16) + pad("cycles", 11, left: true) + pad("roofline", 11, left: true)
            + pad("ratio", 7, left: true) + pad("PE util", 9, left: true) + pad("DRAM B", 12, left: true)
            + pad("compulsory", 12, left: true) + pad("stall L/C/S", 22, left: true) + pad("energy µJ", 12, left: true)
            + "  waits on"
        return [header] + rows.map { row in
            pad(row.name, nameWidth) + pad(row.op, 16) + pad("\(row.cycles)", 11, left: true)
                + pad("\(row.rooflineCycles)", 11, left: true)
                + pad(row.rooflineRatio.map { String(format: "%.2f", $0) } ?? "-", 7, left: true)
                + pad(String(format: "%.1f%%", row.peUtilisation * 100), 9, left: true) + pad("\(row.dramBytes)", 12, left: true)
                + pad("\(row.compulsoryBytes)", 12, left: true)
                + pad("\(row.stalls.load)/\(row.stalls.compute)/\(row.stalls.store)", 22, left: true)
                + pad(String(format: "%.3f", row.energy.total), 12, left: true) + "  " + waits(row.stalls)
        }
    }

    /// The queues the units waited on, with their cycles, most first; `-` for none.
    private static func waits(_ stalls: Stalls) -> String {
        let queues: [(TokenQueue, Int)] = [(.loadToCompute, stalls.loadToCompute), (.computeToLoad, stalls.computeToLoad),
                                           (.computeToStore, stalls.computeToStore), (.storeToCompute, stalls.storeToCompute)]
        let waited = queues.filter { $0.1 > 0 }.sorted { ($0.1, -$0.0.rawValue) > ($1.1, -$1.0.rawValue) }
        return waited.isEmpty ? "-" : waited.map { "\($0.0.name) \($0.1)" }.joined(separator: ", ")
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let clipped = text.count > width - 1 ? String(text.suffix(width - 1)) : text
        let padding = String(repeating: " ", count: width - clipped.count)
        return left ? padding + clipped : clipped + padding
    }
}
