/// Builds one inline SVG element: shapes and text appended in order, coordinates written with two
/// decimals, every text and attribute value escaped. The report's charts draw on it.
public struct SVGCanvas: Hashable, Sendable {
    public let width: Double
    public let height: Double
    private var elements: [String] = []

    /// An empty `width × height` drawing.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A coordinate or length as written in the SVG.
    public static func number(_ value: Double) -> String { ReportFormat.fixed(value, digits: 2) }

    /// A rectangle; `title` becomes its tooltip, `cssClass` its `class`.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                              cssClass: String? = nil, title: String? = nil) {
        let attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" "
            + "height=\"\(Self.number(height))\" fill=\"\(fill)\"" + Self.classAttribute(cssClass)
        elements.append(Self.element("rect", attributes: attributes, title: title))
    }

    /// A circle; `title` becomes its tooltip.
    public mutating func circle(cx: Double, cy: Double, radius: Double, fill: String, cssClass: String? = nil,
                                title: String? = nil) {
        let attributes = "cx=\"\(Self.number(cx))\" cy=\"\(Self.number(cy))\" r=\"\(Self.number(radius))\" fill=\"\(fill)\""
            + Self.classAttribute(cssClass)
        elements.append(Self.element("circle", attributes: attributes, title: title))
    }

    /// A straight line; `dashed` draws it in 4-pixel dashes; `title` becomes its tooltip.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                              dashed: Bool = false, cssClass: String? = nil, title: String? = nil) {
        let attributes = "x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\"" + (dashed ? " stroke-dasharray=\"4 3\"" : "")
            + Self.classAttribute(cssClass)
        elements.append(Self.element("line", attributes: attributes, title: title))
    }

    /// An open polyline through `points`.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 2,
                                  cssClass: String? = nil, title: String? = nil) {
        let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
        let attributes = "points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.number(width))\""
            + Self.classAttribute(cssClass)
        elements.append(Self.element("polyline", attributes: attributes, title: title))
    }

    /// Text at `(x, y)`; `anchor` is `start`, `middle` or `end`; `rotated` turns it 90° anticlockwise
    /// about its anchor.
    public mutating func text(_ content: String, x: Double, y: Double, anchor: String = "start", size: Double = 11,
                              fill: String = "#222", rotated: Bool = false) {
        var attributes = "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor)\" font-size=\"\(Self.number(size))\" fill=\"\(fill)\""
        if rotated { attributes += " transform=\"rotate(-90 \(Self.number(x)) \(Self.number(y)))\"" }
        elements.append("<text \(attributes)>\(HTMLEscaping.escape(content))</text>")
    }

    /// Opens a `<g>` group of class `cssClass` whose tooltip is `title`; close it with `endGroup()`.
    public mutating func beginGroup(cssClass: String, title: String? = nil) {
        elements.append("<g class=\"\(HTMLEscaping.escape(cssClass))\">" + (title.map { "<title>\(HTMLEscaping.escape($0))</title>" } ?? ""))
    }

    /// Closes the innermost open group.
    public mutating func endGroup() {
        elements.append("</g>")
    }

    /// The `<svg>` element, labelled `label` for screen readers.
    public func rendered(label: String) -> String {
        let header = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
            + "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(label))\" "
            + "font-family=\"sans-serif\">"
        return ([header] + elements + ["</svg>"]).joined(separator: "\n")
    }

    private static func classAttribute(_ cssClass: String?) -> String {
        cssClass.map { " class=\"\(HTMLEscaping.escape($0))\"" } ?? ""
    }

    private static func element(_ name: String, attributes: String, title: String?) -> String {
        guard let title else { return "<\(name) \(attributes)/>" }
        return "<\(name) \(attributes)><title>\(HTMLEscaping.escape(title))</title></\(name)>"
    }
}
