/// A static tensor shape. vggc works on fully known shapes: symbolic dimensions are bound when the
/// model is imported (the batch dimension defaults to 1).
public struct Shape: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// Extent of each axis, outermost first. An empty array is a scalar.
    public var dims: [Int]

    public init(_ dims: [Int]) { self.dims = dims }
    public init(arrayLiteral elements: Int...) { self.dims = elements }

    /// Number of axes.
    public var rank: Int { dims.count }

    /// Number of elements (1 for a scalar).
    public var elementCount: Int { dims.reduce(1, *) }

    /// The largest tensor vggc accepts: 2^36 elements (256 GiB of fp32), far beyond any CNN layer
    /// and far below where the element count could overflow.
    public static let maximumElementCount = 1 << 36

    /// The element count, or nil when an extent is negative or the count exceeds
    /// `maximumElementCount` (so hostile shapes from a model file cannot overflow).
    public var checkedElementCount: Int? {
        var count = 1
        for extent in dims {
            guard extent >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= Self.maximumElementCount else { return nil }
            count = product
        }
        return count
    }

    /// Row-major strides in elements.
    public var strides: [Int] {
        var result = [Int](repeating: 1, count: dims.count)
        var running = 1
        for axis in stride(from: dims.count - 1, through: 0, by: -1) {
            result[axis] = running
            running *= dims[axis]
        }
        return result
    }

    public subscript(axis: Int) -> Int {
        get { dims[axis] }
        set { dims[axis] = newValue }
    }

    public var description: String { "[" + dims.map(String.init).joined(separator: ",") + "]" }
}
