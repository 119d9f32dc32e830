/// Ranks scores: the one ordering every top-K list of vggc uses.
public enum Ranking {
    /// The indices of the `count` largest values, largest first; on ties the lower index first.
    public static func top(_ count: Int, of values: [Float]) -> [Int] {
        Array(values.indices.sorted { (values[$0], -$0) > (values[$1], -$1) }.prefix(count))
    }

    /// The index of the largest value, the lowest on ties; `nil` for no values.
    public static func best(of values: [Float]) -> Int? {
        top(1, of: values).first
    }
}
