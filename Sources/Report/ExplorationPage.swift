/// `vggc explore --html`: one self-contained page of a design-space sweep — what was swept, the
/// Pareto plots (latency against DSP blocks, energy against block RAMs) and the front as a table.
/// Inline CSS and SVG, no scripts; the same sweep gives the same bytes.
public enum ExplorationPage {
    /// A table: header cells and rows of cells; the first column is a name.
    public struct Table: Hashable, Sendable {
        public var header: [String]
        public var rows: [[String]]

        public init(header: [String], rows: [[String]]) {
            self.header = header
            self.rows = rows
        }
    }

    /// The page titled `title`, `notes` as paragraphs under it, then `plots` and `table`.
    public static func render(title: String, notes: [String], plots: [SVGParetoPlot], table: Table) -> String {
        let head = table.header.enumerated().map { "<th\($0 == 0 ? " class=\"name\"" : "")>\(escape($1))</th>" }.joined()
        let rows = table.rows.map { row in
            "<tr>" + row.enumerated().map { "<td\($0 == 0 ? " class=\"name\"" : "")>\(escape($1))</td>" }.joined() + "</tr>"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px auto; max-width: 1360px; color: #222; background: #fff; }
            table { border-collapse: collapse; font-size: 12px; } th, td { border-bottom: 1px solid #e4e4e4; padding: 3px 6px; text-align: right; }
            th { background: #f0f0f0; } td.name, th.name { text-align: left; } .note { font-size: 13px; color: #555; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>
            \(notes.map { "<p class=\"note\">\(escape($0))</p>" }.joined(separator: "\n"))
            <section id="pareto">
            \(plots.map { "<figure>\($0.render())</figure>" }.joined(separator: "\n"))
            </section>
            <section id="front">
            <table>
            <tr>\(head)</tr>
            \(rows.joined(separator: "\n"))
            </table>
            </section>
            </body>
            </html>

            """
    }

    private static func escape(_ text: String) -> String { HTMLEscaping.escape(text) }
}
