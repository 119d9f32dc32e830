/// Fixed-width text columns for the CLI's tables.
enum TableColumn {
    /// `text` in a column of `width` characters (one space of gap), clipped from the left when too
    /// long, right-aligned when `left` is set.
    static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let clipped = text.count > width - 1 ? String(text.suffix(width - 1)) : text
        let padding = String(repeating: " ", count: width - clipped.count)
        return left ? padding + clipped : clipped + padding
    }
}
