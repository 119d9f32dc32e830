/// The resolved geometry of a sliding window (convolution or pooling) over the spatial axes:
/// explicit pads and output extents, computed from ONNX `pads` / `auto_pad`, strides, dilations
/// and `ceil_mode`.
package struct WindowGeometry: Hashable, Sendable {
    /// One spatial axis of the window.
    package struct Axis: Hashable, Sendable {
        package var inputSize: Int
        package var kernel: Int
        package var stride: Int
        package var dilation: Int
        package var padBegin: Int
        package var padEnd: Int
        package var outputSize: Int

        /// Extent the dilated kernel spans in the input.
        package var span: Int { (kernel - 1) * dilation + 1 }

        /// The input position of tap `tap` of the window at output position `output` (may lie in
        /// the padding, i.e. outside `0..<inputSize`).
        package func inputPosition(output: Int, tap: Int) -> Int {
            output * stride - padBegin + tap * dilation
        }
    }

    /// Spatial axes, outermost first (one or two).
    package var axes: [Axis]

    /// Resolves the window over `inputSpatial` extents. Empty `strides`, `dilations` or explicit
    /// pads mean the ONNX defaults (1, 1, 0). Errors name `node`.
    package init(node: Node, inputSpatial: [Int], kernel: [Int], strides: [Int], dilations: [Int],
         padding: Padding, ceilMode: Bool) throws {
        let count = inputSpatial.count
        let strides = strides.isEmpty ? [Int](repeating: 1, count: count) : strides
        let dilations = dilations.isEmpty ? [Int](repeating: 1, count: count) : dilations
        guard kernel.count == count, strides.count == count, dilations.count == count else {
            throw node.shapeMismatch("window attributes kernel \(kernel), strides \(strides), dilations \(dilations) do not match \(count) spatial axes")
        }
        guard kernel.allSatisfy({ $0 >= 1 }), strides.allSatisfy({ $0 >= 1 }), dilations.allSatisfy({ $0 >= 1 }) else {
            throw node.shapeMismatch("kernel \(kernel), strides \(strides) and dilations \(dilations) must be positive")
        }
        axes = []
        for axis in 0..<count {
            let pads = try Self.pads(node: node, padding: padding, axis: axis, count: count,
                                     input: inputSpatial[axis], kernel: kernel[axis],
                                     stride: strides[axis], dilation: dilations[axis])
            var resolved = Axis(inputSize: inputSpatial[axis], kernel: kernel[axis], stride: strides[axis],
                                dilation: dilations[axis], padBegin: pads.begin, padEnd: pads.end, outputSize: 0)
            resolved.outputSize = try Self.outputSize(node: node, axis: resolved, ceilMode: ceilMode && !Self.isAuto(padding))
            axes.append(resolved)
        }
    }

    /// The output extents, one per spatial axis.
    package var outputSpatial: [Int] { axes.map(\.outputSize) }

    /// The geometry as two axes (height, width); a 1-D window gets a trivial height axis.
    package var planar: (height: Axis, width: Axis) {
        if axes.count == 2 { return (axes[0], axes[1]) }
        let unit = Axis(inputSize: 1, kernel: 1, stride: 1, dilation: 1, padBegin: 0, padEnd: 0, outputSize: 1)
        return (unit, axes[0])
    }

    /// `SAME_*` pads are derived from the input, which makes `ceil_mode` irrelevant.
    private static func isAuto(_ padding: Padding) -> Bool {
        padding == .sameUpper || padding == .sameLower
    }

    private static func pads(node: Node, padding: Padding, axis: Int, count: Int, input: Int, kernel: Int,
                             stride: Int, dilation: Int) throws -> (begin: Int, end: Int) {
        switch padding {
        case .valid:
            return (0, 0)
        case .explicit(let pads):
            if pads.isEmpty { return (0, 0) }
            guard pads.count == 2 * count, pads.allSatisfy({ $0 >= 0 }) else {
                throw node.shapeMismatch("pads \(pads) do not fit \(count) spatial axes")
            }
            return (pads[axis], pads[axis + count])
        case .sameUpper, .sameLower:
            let output = (input + stride - 1) / stride
            let total = max(0, (output - 1) * stride + (kernel - 1) * dilation + 1 - input)
            let small = total / 2
            return padding == .sameUpper ? (small, total - small) : (total - small, small)
        }
    }

    private static func outputSize(node: Node, axis: Axis, ceilMode: Bool) throws -> Int {
        let room = axis.inputSize + axis.padBegin + axis.padEnd - axis.span
        guard room >= 0 else {
            throw node.shapeMismatch("window of span \(axis.span) does not fit input extent \(axis.inputSize) padded by \(axis.padBegin)+\(axis.padEnd)")
        }
        guard ceilMode else { return room / axis.stride + 1 }
        var size = (room + axis.stride - 1) / axis.stride + 1
        // ONNX: the last window must start inside the input or its left padding.
        if (size - 1) * axis.stride >= axis.inputSize + axis.padBegin { size -= 1 }
        return size
    }
}
