import IR

/// The resolved 2-D geometry of a quantized convolution or pooling window: explicit pads, so that
/// the integer interpreter and the runtime need no ONNX padding rules. A 1-D window has height 1.
public struct QuantizedWindow: Hashable, Sendable, Codable {
    /// `[height, width]`.
    public var kernel: [Int]
    /// `[height, width]`.
    public var strides: [Int]
    /// `[height, width]`.
    public var dilations: [Int]
    /// `[top, left, bottom, right]`. A `ceil_mode` window may also run past the bottom/right pad.
    public var pads: [Int]
    /// Input and output `[height, width]`.
    public var inputSize: [Int]
    public var outputSize: [Int]

    public init(kernel: [Int], strides: [Int], dilations: [Int], pads: [Int], inputSize: [Int], outputSize: [Int]) {
        self.kernel = kernel
        self.strides = strides
        self.dilations = dilations
        self.pads = pads
        self.inputSize = inputSize
        self.outputSize = outputSize
    }

    /// The window of a resolved float geometry.
    package init(_ geometry: WindowGeometry) {
        let (height, width) = geometry.planar
        self.init(kernel: [height.kernel, width.kernel], strides: [height.stride, width.stride],
                  dilations: [height.dilation, width.dilation],
                  pads: [height.padBegin, width.padBegin, height.padEnd, width.padEnd],
                  inputSize: [height.inputSize, width.inputSize], outputSize: [height.outputSize, width.outputSize])
    }

    /// A 1×1 window over a 1×1 plane: a fully-connected layer seen as a convolution.
    package static let pointwise = QuantizedWindow(kernel: [1, 1], strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0],
                                           inputSize: [1, 1], outputSize: [1, 1])

    /// The input position of tap `tap` of the window at output position `output` along `axis`
    /// (0 height, 1 width); may lie in the padding.
    public func inputPosition(axis: Int, output: Int, tap: Int) -> Int {
        output * strides[axis] - pads[axis] + tap * dilations[axis]
    }
}
