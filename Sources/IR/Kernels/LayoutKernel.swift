/// Layout ops for every element type (Transpose, Concat, Pad, Gather), computed as a map from each
/// output element to the input element it copies, or to the pad value.
package enum LayoutKernel {
    /// Source offset meaning "the pad value".
    private static let fill = -1

    package static func transpose(_ x: Tensor, permutation: [Int]) -> TensorData {
        let strides = x.shape.strides
        let maps = permutation.map { axis in (0..<x.shape[axis]).map { $0 * strides[axis] } }
        return select(x.data, compose(maps), padValue: 0)
    }

    /// Concatenation of `parts` (already checked to agree off `axis`) along `axis`.
    package static func concat(_ parts: [Tensor], axis: Int) -> TensorData {
        let outer = parts[0].shape.dims[..<axis].reduce(1, *)
        var sources = [Int]()
        for block in 0..<outer {
            var base = 0
            for part in parts {
                let chunk = part.shape.dims[axis...].reduce(1, *)
                sources.append(contentsOf: (base + block * chunk)..<(base + (block + 1) * chunk))
                base += part.shape.elementCount
            }
        }
        return select(joined(parts.map(\.data)), sources, padValue: 0)
    }

    /// ONNX Pad: `pads` holds the begin amounts of every axis, then the end amounts; negative
    /// amounts crop. Reflect mirrors without repeating the border element (repeatedly, when the pad
    /// exceeds the extent); edge repeats it.
    package static func pad(_ x: Tensor, mode: PadMode, pads: [Int], value: Float, output: Shape) -> TensorData {
        let strides = x.shape.strides
        let maps = (0..<x.shape.rank).map { axis in
            (0..<output[axis]).map { position -> Int in
                guard let source = padSource(position - pads[axis], extent: x.shape[axis], mode: mode) else { return fill }
                return source * strides[axis]
            }
        }
        return select(x.data, compose(maps), padValue: value)
    }

    /// ONNX Gather along `axis` (non-negative); negative indices count from the end.
    package static func gather(_ node: Node, data: Tensor, indices: Tensor, axis: Int) throws -> TensorData {
        let extent = data.shape[axis]
        let inner = data.shape.dims[(axis + 1)...].reduce(1, *)
        let outer = data.shape.dims[..<axis].reduce(1, *)
        let picks = try indices.int64s.map { index -> Int in
            let wrapped = index < 0 ? Int(index) + extent : Int(index)
            guard wrapped >= 0, wrapped < extent else {
                throw node.invalidOperand("index \(index) is out of range for axis \(axis) of \(data.shape)")
            }
            return wrapped * inner
        }
        let maps = [(0..<outer).map { $0 * extent * inner }, picks, Array(0..<inner)]
        return select(data.data, compose(maps), padValue: 0)
    }

    /// The elements of `x` that `ranges` (one per axis, resolved by `SliceAttributes.ranges`) pick.
    package static func slice(_ x: Tensor, ranges: [SliceAttributes.AxisRange]) -> TensorData {
        let strides = x.shape.strides
        let maps = zip(ranges, strides).map { range, stride in
            (0..<range.count).map { (range.start + $0 * range.step) * stride }
        }
        return select(x.data, compose(maps), padValue: 0)
    }

    /// The channel shuffle of `x` (`[N, C, ...]`, `C` a multiple of `groups`): output channel
    /// `j * groups + i` is input channel `i * (C / groups) + j`.
    package static func channelShuffle(_ x: Tensor, groups: Int) -> TensorData {
        let strides = x.shape.strides
        let perGroup = x.shape[1] / groups
        let maps = (0..<x.shape.rank).map { axis in
            (0..<x.shape[axis]).map { position in
                axis == 1 ? ((position % groups) * perGroup + position / groups) * strides[axis] : position * strides[axis]
            }
        }
        return select(x.data, compose(maps), padValue: 0)
    }

    /// `count` copies of the single element of `data` (ConstantOfShape), written straight into the
    /// output: a 400 MB weight computed by ConstantOfShape takes its own storage and nothing more.
    package static func repeated(_ data: TensorData, count: Int) -> TensorData {
        precondition(data.count == 1, "ConstantOfShape's value holds \(data.count) elements, not one")
        switch data {
        case .float32(let values): return .float32(Array(repeating: values[0], count: count))
        case .int8(let values): return .int8(Array(repeating: values[0], count: count))
        case .uint8(let values): return .uint8(Array(repeating: values[0], count: count))
        case .int32(let values): return .int32(Array(repeating: values[0], count: count))
        case .int64(let values): return .int64(Array(repeating: values[0], count: count))
        case .bool(let values): return .bool(Array(repeating: values[0], count: count))
        }
    }

    private static func padSource(_ position: Int, extent: Int, mode: PadMode) -> Int? {
        if position >= 0 && position < extent { return position }
        switch mode {
        case .constant: return nil
        case .edge: return min(max(position, 0), extent - 1)
        case .reflect:
            // Mirror without repeating the border, as many times as the pad needs (numpy's rule).
            guard extent > 1 else { return 0 }
            let period = 2 * (extent - 1)
            let phase = (position % period + period) % period
            return phase < extent ? phase : period - phase
        }
    }

    /// Source offsets of a row-major output whose per-axis offset maps are `maps`: the sum of one
    /// entry per axis, or `fill` when any entry is.
    private static func compose(_ maps: [[Int]]) -> [Int] {
        maps.reduce([0]) { bases, map in
            bases.flatMap { base in map.map { base == fill || $0 == fill ? fill : base + $0 } }
        }
    }

    /// Elements of `data` at `sources`, with `padValue` (converted to the element type) at `fill`.
    private static func select(_ data: TensorData, _ sources: [Int], padValue: Float) -> TensorData {
        func pick<T>(_ values: [T], _ padding: T) -> [T] { sources.map { $0 == fill ? padding : values[$0] } }
        let integral = CastKernel.truncated(padValue)
        switch data {
        case .float32(let values): return .float32(pick(values, padValue))
        case .int8(let values): return .int8(pick(values, Int8(clamping: integral)))
        case .uint8(let values): return .uint8(pick(values, UInt8(clamping: integral)))
        case .int32(let values): return .int32(pick(values, Int32(clamping: integral)))
        case .int64(let values): return .int64(pick(values, integral))
        case .bool(let values): return .bool(pick(values, padValue != 0))
        }
    }

    /// The storages of `parts` (all of one element type) end to end.
    private static func joined(_ parts: [TensorData]) -> TensorData {
        func all<T>(_ extract: (TensorData) -> [T]?) -> [T] { parts.flatMap { extract($0) ?? [] } }
        switch parts[0] {
        case .float32: return .float32(all { if case .float32(let v) = $0 { v } else { nil } })
        case .int8: return .int8(all { if case .int8(let v) = $0 { v } else { nil } })
        case .uint8: return .uint8(all { if case .uint8(let v) = $0 { v } else { nil } })
        case .int32: return .int32(all { if case .int32(let v) = $0 { v } else { nil } })
        case .int64: return .int64(all { if case .int64(let v) = $0 { v } else { nil } })
        case .bool: return .bool(all { if case .bool(let v) = $0 { v } else { nil } })
        }
    }
}
