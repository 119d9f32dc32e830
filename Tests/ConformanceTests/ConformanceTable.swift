/// The pass/skip table a conformance run prints.
struct ConformanceTable {
    var collection: String
    private var rows: [(String, String, String)] = []

    init(collection: String) { self.collection = collection }

    mutating func add(_ name: String, _ outcome: ConformanceOutcome) {
        switch outcome {
        case .passed(let error): rows.append((name, "pass", "max abs err \(error)"))
        case .skipped(let reason): rows.append((name, "skip", reason))
        case .mismatched(let detail): rows.append((name, "FAIL", detail))
        case .failed(let detail): rows.append((name, "ERROR", detail))
        }
    }

    func render() -> String {
        let width = rows.map(\.0.count).max() ?? 0
        let counts = ["pass", "skip", "FAIL", "ERROR"].map { status in "\(rows.filter { $0.1 == status }.count) \(status.lowercased())" }
        var lines = ["ONNX conformance, \(collection): " + counts.joined(separator: ", ")]
        for (name, status, detail) in rows {
            lines.append("  " + name + String(repeating: " ", count: width - name.count) + "  " + status.padding(toLength: 5, withPad: " ", startingAt: 0) + "  " + detail)
        }
        return lines.joined(separator: "\n")
    }
}
