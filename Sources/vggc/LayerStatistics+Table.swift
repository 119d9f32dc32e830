import Foundation
import Runtime
import Accelerator

extension LayerStatistics {
    /// The `--stats` table: one line per row, with a header.
    static func renderTable(_ rows: [Row]) -> [String] {
        let nameWidth = min(32, max(5, rows.map(\.name.count).max() ?? 0) + 2)
        let opWidth = max(4, rows.map(\.op.count).max() ?? 0) + 2
        let header = TableColumn.pad("layer", nameWidth) + TableColumn.pad("op", opWidth) + TableColumn.pad("cycles", 11, left: true) + TableColumn.pad("roofline", 11, left: true)
            + TableColumn.pad("ratio", 7, left: true) + TableColumn.pad("PE util", 9, left: true) + TableColumn.pad("DRAM B", 12, left: true)
            + TableColumn.pad("compulsory", 12, left: true) + TableColumn.pad("reuse bound", 12, left: true)
            + TableColumn.pad("stall L/C/S", 22, left: true) + TableColumn.pad("energy µJ", 12, left: true)
            + "  waits on"
        return [header] + rows.map { row in
            TableColumn.pad(row.name, nameWidth) + TableColumn.pad(row.op, opWidth) + TableColumn.pad("\(row.cycles)", 11, left: true)
                + TableColumn.pad("\(row.rooflineCycles)", 11, left: true)
                + TableColumn.pad(row.rooflineRatio.map { String(format: "%.2f", $0) } ?? "-", 7, left: true)
                + TableColumn.pad(String(format: "%.1f%%", row.peUtilisation * 100), 9, left: true) + TableColumn.pad("\(row.dramBytes)", 12, left: true)
                + TableColumn.pad("\(row.compulsoryBytes)", 12, left: true) + TableColumn.pad("\(row.reuseBoundBytes)", 12, left: true)
                + TableColumn.pad("\(row.stalls.load)/\(row.stalls.compute)/\(row.stalls.store)", 22, left: true)
                + TableColumn.pad(String(format: "%.3f", row.energy.total), 12, left: true) + "  " + waits(row.stalls)
        }
    }

    /// The queues the units waited on, with their cycles, most first; `-` for none.
    private static func waits(_ stalls: Stalls) -> String {
        let queues: [(TokenQueue, Int)] = [(.loadToCompute, stalls.loadToCompute), (.computeToLoad, stalls.computeToLoad),
                                           (.computeToStore, stalls.computeToStore), (.storeToCompute, stalls.storeToCompute)]
        let waited = queues.filter { $0.1 > 0 }.sorted { ($0.1, -$0.0.rawValue) > ($1.1, -$1.0.rawValue) }
        return waited.isEmpty ? "-" : waited.map { "\($0.0.name) \($0.1)" }.joined(separator: ", ")
    }
}
