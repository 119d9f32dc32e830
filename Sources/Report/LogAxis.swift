import Foundation

/// A base-10 logarithmic axis over whole decades: from `10^lowerExponent` to `10^upperExponent`,
/// the smallest such range holding every value it was made for.
public struct LogAxis: Hashable, Sendable {
    public let lowerExponent: Int
    public let upperExponent: Int

    /// The decades covering the positive finite `values` (at least one decade; `1...10` for none).
    public init(covering values: [Double]) {
        let logs = values.filter { $0 > 0 && $0.isFinite }.map { log10($0) }
        let lower = Int((logs.min() ?? 0).rounded(.down))
        let upper = Int((logs.max() ?? 1).rounded(.up))
        lowerExponent = lower
        upperExponent = max(upper, lower + 1)
    }

    /// The smallest and largest value on the axis.
    public var lowerBound: Double { pow(10, Double(lowerExponent)) }
    public var upperBound: Double { pow(10, Double(upperExponent)) }

    /// Where `value` lies on the axis, from 0 at the lower bound to 1 at the upper one (values outside
    /// the range give fractions outside `0...1`).
    public func fraction(of value: Double) -> Double {
        (log10(value) - Double(lowerExponent)) / Double(upperExponent - lowerExponent)
    }

    /// The decade values from the lower bound to the upper one, for ticks and grid lines.
    public var decades: [(exponent: Int, value: Double)] {
        (lowerExponent...upperExponent).map { ($0, pow(10, Double($0))) }
    }

    /// A tick label: `0.01`, `1`, `1000`, or `1e6` beyond four digits.
    public static func label(exponent: Int) -> String {
        switch exponent {
        case 0...3: return "1" + String(repeating: "0", count: exponent)
        case -3..<0: return "0." + String(repeating: "0", count: -exponent - 1) + "1"
        default: return "1e\(exponent)"
        }
    }
}
