@testable import Report
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG (or any XML) document parsed with Foundation's `XMLParser`, independently of the code
/// that wrote it: every element in document order with its attributes, and the text of `<title>` and
/// `<text>` elements. `nil` when the text is not well-formed XML.
struct ParsedSVG {
    struct Element {
        var name: String
        var attributes: [String: String]
        /// The element's own character data (for `title` and `text`).
        var text: String
    }

    var elements: [Element]

    init?(_ text: String) {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse() else { return nil }
        elements = collector.elements
    }

    /// The elements named `name`, optionally only those with `class` `cssClass`.
    func elements(named name: String, cssClass: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (cssClass == nil || $0.attributes["class"] == cssClass) }
    }

    /// The numeric attribute `key` of `element`.
    static func number(_ element: Element, _ key: String) -> Double? {
        element.attributes[key].flatMap(Double.init)
    }

    /// Every `<svg>…</svg>` of an HTML page, in order.
    static func svgFragments(of page: String) -> [String] {
        var fragments: [String] = []
        var rest = page[...]
        while let start = rest.range(of: "<svg"), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            fragments.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return fragments
    }
}

private final class Collector: NSObject, XMLParserDelegate {
    var elements: [ParsedSVG.Element] = []
    private var open: [Int] = []

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(ParsedSVG.Element(name: elementName, attributes: attributes, text: ""))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }
}
