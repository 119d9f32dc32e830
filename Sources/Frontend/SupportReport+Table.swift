extension SupportReport {
    /// The issues as a plain-text table with columns `node`, `op` and `reason`, one issue a line;
    /// "all operators supported" when there are none.
    public func renderTable() -> String {
        guard !issues.isEmpty else { return "all operators supported\n" }
        let header = ("node", "op", "reason")
        let nodeWidth = issues.map(\.node.count).reduce(header.0.count, max)
        let opWidth = issues.map(\.opType.count).reduce(header.1.count, max)
        func line(_ node: String, _ op: String, _ reason: String) -> String {
            node.padded(to: nodeWidth) + "  " + op.padded(to: opWidth) + "  " + reason
        }
        var lines = [line(header.0, header.1, header.2)]
        lines.append(String(repeating: "-", count: nodeWidth) + "  " + String(repeating: "-", count: opWidth)
                     + "  " + String(repeating: "-", count: header.2.count))
        lines += issues.map { line($0.node, $0.opType, $0.reason) }
        return lines.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func padded(to length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
