import Foundation

/// Fixed-precision number formatting for the report, independent of the locale, so the same figures
/// always give the same bytes.
public enum ReportFormat {
    /// `value` with `digits` digits after the point (`"12.50"`); `"–"` for a value that is not finite.
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(digits)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// An integer with thin spaces between groups of three digits (`"1 234 567"`).
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: "\u{2009}")
    }

    /// A percentage of `fraction` with one decimal (`"87.5%"`).
    public static func percent(_ fraction: Double) -> String {
        fixed(fraction * 100, digits: 1) + "%"
    }

    /// A value in scientific notation with three significant digits (`"1.25e-03"`), for scales.
    public static func scientific(_ value: Double) -> String {
        guard value.isFinite else { return "–" }
        return String(format: "%.2e", value)
    }

    /// A byte count with a binary unit (`"1.50 MiB"`), bytes below 1 KiB as is.
    public static func bytes(_ count: Int) -> String {
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        guard value >= 1024 else { return "\(count) B" }
        var unit = -1
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return fixed(value, digits: 2) + " " + units[unit]
    }
}
