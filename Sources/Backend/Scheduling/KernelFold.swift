import Accelerator

/// A convolution with few input channels whose kernel positions are folded into input channels:
/// plane `p = c·kh·kw + ky·kw + kx` of the folded input is input channel `c` shifted by kernel
/// position `(ky, kx)`, so output pixel `(y, x)` of the layer is the dot product of the `Ci·kh·kw`
/// planes at `(y, x)` with the weight row `[m][c][ky][kx]` exactly as the weights lie in DRAM.
///
/// The load unit gathers the planes: one `LOAD` per plane writes the shifted window of the input,
/// with the padding the window reaches, into the plane's place in the input tile. The array then
/// reduces over the planes in depthwise mode with an input plane pitch of 0: every output channel
/// reads the one stack of planes as a kernel `planes × 1` over a single row of `rows·columns`
/// pixels, and each PE row spreads its taps × pixels over all `Pi·Pk·Pp` lanes (docs/ISA.md,
/// "Depthwise mode"), so the `Ci` input channels no longer leave most of `Pi` idle.
///
/// The scheduled geometry of a folded layer is that of a 1×1 convolution over `Ci·kh·kw` planes of
/// the output's size; `window` keeps the layer's own geometry, which the loads read through.
public struct KernelFold: Hashable, Sendable {
    /// The layer's own geometry: its input, window, strides and padding.
    public var window: PlaneGeometry

    /// The fold of a convolution of geometry `window` on `target` with `elementBytes`-byte values,
    /// or `nil` when the load unit cannot gather its planes (a column stride above 1: a `LOAD`
    /// reads contiguous columns), a `GEMM` cannot hold them (more than 255 planes, its 8-bit
    /// `kernelHeight`; more than 510 output rows or columns, the padding of a plane that lies wholly
    /// outside the input), or folding does not cut the layer's slower unit by a third: the array's
    /// passes against the load unit's, which reads the input once per kernel position and sets up
    /// one `LOAD` per input channel and kernel row (at least once).
    public init?(window: PlaneGeometry, target: HardwareConfig, elementBytes: Int) {
        let planes = window.inputChannels * window.windowTaps
        guard window.windowTaps > 1, window.strideWidth == 1, planes <= Self.maximumPlanes,
              window.outputHeight <= 2 * Self.maximumPad, window.outputWidth <= 2 * Self.maximumPad else { return nil }
        let array = target.array
        let pixels = window.outputHeight * window.outputWidth
        // A folded GEMM runs in depthwise mode, which walks its planes one a pass.
        let folded = array.depthwisePasses(outputChannels: window.outputChannels, taps: planes, pixels: pixels)
        let unfolded = array.densePasses(outputChannels: window.outputChannels, inputChannels: window.inputChannels,
                                         taps: window.windowTaps, pixels: pixels)
        let timing = TimingModel(config: target)
        let bytesPerCycle = timing.channelBytesPerCycle
        let loadSetup = Double(window.inputChannels * window.kernelHeight * timing.dmaOverheadCycles)
        let foldedLoads = Double(planes * pixels * elementBytes) / bytesPerCycle + loadSetup
        let unfoldedLoads = Double(window.inputChannels * window.inputHeight * window.inputWidth * elementBytes) / bytesPerCycle
        guard 3 * max(Double(folded), foldedLoads) <= 2 * max(Double(unfolded), unfoldedLoads) else { return nil }
        self.window = window
    }

    /// The most planes one `GEMM` reduces over (its 8-bit `kernelHeight`).
    static let maximumPlanes = 255
    /// The most pixels one folded `GEMM` covers (its 16-bit `outputColumns` hold the tile's pixels
    /// as one row).
    static let maximumPixels = 65535
    /// The most padding one side of a `LOAD` box takes (its 8-bit pad fields).
    static let maximumPad = 255

    /// The geometry the array runs: a 1×1 convolution over the `Ci·kh·kw` planes, each of the
    /// output's size.
    public var geometry: PlaneGeometry {
        var folded = window
        folded.inputChannels = window.inputChannels * window.windowTaps
        (folded.inputHeight, folded.inputWidth) = (window.outputHeight, window.outputWidth)
        (folded.kernelHeight, folded.kernelWidth) = (1, 1)
        (folded.strideHeight, folded.strideWidth, folded.dilationHeight, folded.dilationWidth) = (1, 1, 1, 1)
        (folded.padTop, folded.padLeft, folded.padBottom, folded.padRight) = (0, 0, 0, 0)
        return folded
    }

    /// The input channel and kernel position plane `plane` holds.
    func source(ofPlane plane: Int) -> (channel: Int, ky: Int, kx: Int) {
        let tap = plane % window.windowTaps
        return (plane / window.windowTaps, tap / window.kernelWidth, tap % window.kernelWidth)
    }

    /// The output rows among `rows` whose tap `ky` reads a row of the input (not its padding).
    func validRows(_ rows: Range<Int>, ky: Int) -> Range<Int> {
        let offset = ky * window.dilationHeight - window.padTop
        let first = Self.ceil(-offset, window.strideHeight)
        let end = Self.ceil(window.inputHeight - offset, window.strideHeight)
        return Self.clip(rows, first..<max(first, end))
    }

    /// The output columns among `columns` whose tap `kx` reads a column of the input.
    func validColumns(_ columns: Range<Int>, kx: Int) -> Range<Int> {
        let offset = kx * window.dilationWidth - window.padLeft
        return Self.clip(columns, -offset..<(window.inputWidth - offset))
    }

    /// The `LOAD`s that gather planes `planes` of an output tile over `columns`: consecutive planes
    /// of one input channel and kernel row share a `LOAD` (its planes one dilation apart in DRAM)
    /// when their taps read the same columns of the tile, so a tile clear of the left and right
    /// padding takes one `LOAD` per input channel and kernel row.
    func loadCount(planes: Range<Int>, columns: Range<Int>) -> Int {
        var count = 0
        var previous: (channel: Int, ky: Int, columns: Range<Int>)?
        for plane in planes {
            let (channel, ky, kx) = source(ofPlane: plane)
            let valid = validColumns(columns, kx: kx)
            if let last = previous, last.channel == channel, last.ky == ky, last.columns == valid { continue }
            count += 1
            previous = (channel, ky, valid)
        }
        return count
    }

    /// `ceil(a / b)` for `b > 0` and any sign of `a`.
    private static func ceil(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? (a + b - 1) / b : -((-a) / b)
    }

    private static func clip(_ range: Range<Int>, _ bounds: Range<Int>) -> Range<Int> {
        let lower = max(range.lowerBound, bounds.lowerBound), upper = min(range.upperBound, bounds.upperBound)
        return lower < upper ? lower..<upper : range.lowerBound..<range.lowerBound
    }
}
