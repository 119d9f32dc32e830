/// Escapes text for HTML and SVG (XML) content and attribute values: `&`, `<`, `>`, `"` and `'`
/// become character references, so a layer named `<script>` shows as text and never as markup.
public enum HTMLEscaping {
    /// `text` with the five markup characters replaced by their references.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
