/// The operands of ONNX Slice, resolved at import: for each listed axis, the elements
/// `starts[i]`, `starts[i] + steps[i]`, … before `ends[i]`, with ONNX's clamping of out-of-range
/// bounds and negative values counting from the end.
public struct SliceAttributes: Hashable, Sendable {
    public var starts: [Int]
    public var ends: [Int]
    /// The sliced axes (negative counts from the end); unlisted axes are kept whole.
    public var axes: [Int]
    /// Non-zero steps; negative steps walk backwards.
    public var steps: [Int]

    public init(starts: [Int], ends: [Int], axes: [Int], steps: [Int]) {
        self.starts = starts
        self.ends = ends
        self.axes = axes
        self.steps = steps
    }

    /// One axis of a resolved slice: `count` elements from `start` by `step`.
    public struct AxisRange: Hashable, Sendable {
        public var start: Int
        public var count: Int
        public var step: Int

        public init(start: Int, count: Int, step: Int) {
            self.start = start
            self.count = count
            self.step = step
        }
    }

    /// The resolved range of every axis of a rank-`shape.rank` input; throws naming `node` when the
    /// operands disagree in length, repeat an axis, name one out of range or step by zero.
    public func ranges(for shape: Shape, node: Node) throws -> [AxisRange] {
        guard starts.count == ends.count, axes.count == starts.count, steps.count == starts.count else {
            throw node.shapeMismatch("slice operands have \(starts.count) starts, \(ends.count) ends, \(axes.count) axes and \(steps.count) steps")
        }
        var ranges = shape.dims.map { AxisRange(start: 0, count: $0, step: 1) }
        var seen = Set<Int>()
        for index in axes.indices {
            let axis = try ShapeInference.normalizedAxis(axes[index], rank: shape.rank, node: node)
            guard seen.insert(axis).inserted else { throw node.shapeMismatch("slice axis \(axes[index]) is repeated") }
            guard steps[index] != 0 else { throw node.shapeMismatch("slice step of axis \(axes[index]) is 0") }
            ranges[axis] = Self.range(start: starts[index], end: ends[index], step: steps[index], extent: shape[axis])
        }
        return ranges
    }

    /// ONNX's clamping: bounds count from the end when negative, then clamp to `0...extent`
    /// (`0...extent-1` and `-1...extent-1` for a negative step).
    private static func range(start: Int, end: Int, step: Int, extent: Int) -> AxisRange {
        func wrapped(_ bound: Int) -> Int { bound < 0 ? bound &+ extent : bound }
        let (from, to): (Int, Int)
        if step > 0 {
            from = min(max(wrapped(start), 0), extent)
            to = min(max(wrapped(end), 0), extent)
        } else {
            from = min(max(wrapped(start), 0), extent - 1)
            to = min(max(wrapped(end), -1), extent - 1)
        }
        let distance = step > 0 ? to - from : from - to
        let count = distance <= 0 ? 0 : (distance - 1) / abs(step) + 1
        return AxisRange(start: from, count: count, step: step)
    }
}
