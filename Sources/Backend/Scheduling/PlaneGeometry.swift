import IR
import Quantization

/// The resolved shape of a layer that slides a window over `[C, H, W]` planes (convolution, fully
/// connected as 1×1 over 1×1, pooling, and elementwise layers as a 1×1 window of stride 1): input
/// and output planes, window, and explicit padding (top, left, bottom, right). Bottom/right padding
/// includes what a `ceil_mode` window runs past the declared pads.
public struct PlaneGeometry: Hashable, Sendable {
    public var inputChannels: Int
    public var inputHeight: Int
    public var inputWidth: Int
    public var outputChannels: Int
    public var outputHeight: Int
    public var outputWidth: Int
    public var kernelHeight: Int
    public var kernelWidth: Int
    public var strideHeight: Int
    public var strideWidth: Int
    public var dilationHeight: Int
    public var dilationWidth: Int
    public var padTop: Int
    public var padLeft: Int
    public var padBottom: Int
    public var padRight: Int

    /// The geometry of a quantized window over `channels` input planes producing `outputChannels`.
    init(window: QuantizedWindow, inputChannels: Int, outputChannels: Int) {
        self.inputChannels = inputChannels
        inputHeight = window.inputSize[0]
        inputWidth = window.inputSize[1]
        self.outputChannels = outputChannels
        outputHeight = window.outputSize[0]
        outputWidth = window.outputSize[1]
        kernelHeight = window.kernel[0]
        kernelWidth = window.kernel[1]
        strideHeight = window.strides[0]
        strideWidth = window.strides[1]
        dilationHeight = window.dilations[0]
        dilationWidth = window.dilations[1]
        padTop = window.pads[0]
        padLeft = window.pads[1]
        let rowsNeeded = (outputHeight - 1) * strideHeight + (kernelHeight - 1) * dilationHeight + 1
        let columnsNeeded = (outputWidth - 1) * strideWidth + (kernelWidth - 1) * dilationWidth + 1
        padBottom = max(window.pads[2], rowsNeeded - padTop - inputHeight)
        padRight = max(window.pads[3], columnsNeeded - padLeft - inputWidth)
    }

    /// An elementwise layer over `[channels, height, width]`: a 1×1 window of stride 1.
    init(elementwise channels: Int, height: Int, width: Int) {
        self.init(window: QuantizedWindow(kernel: [1, 1], strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0],
                                          inputSize: [height, width], outputSize: [height, width]),
                  inputChannels: channels, outputChannels: channels)
    }

    /// Rows of the padded input box the whole layer reads.
    public var paddedHeight: Int { padTop + inputHeight + padBottom }
    /// Columns of the padded input box.
    public var paddedWidth: Int { padLeft + inputWidth + padRight }
    /// Taps per window.
    public var windowTaps: Int { kernelHeight * kernelWidth }

    /// The padded-box rows that output rows `rows` read: `[first, end)` in padded coordinates.
    public func inputRows(forOutput rows: Range<Int>) -> Range<Int> {
        let first = rows.lowerBound * strideHeight
        return first..<((rows.upperBound - 1) * strideHeight + (kernelHeight - 1) * dilationHeight + 1)
    }

    /// The padded-box columns that output columns `columns` read.
    public func inputColumns(forOutput columns: Range<Int>) -> Range<Int> {
        let first = columns.lowerBound * strideWidth
        return first..<((columns.upperBound - 1) * strideWidth + (kernelWidth - 1) * dilationWidth + 1)
    }
}
