/// How many passes of the array a `GEMM` takes (docs/ISA.md, "Timing"): the one rule that the timing
/// model charges and that the compiler's tile search and kernel folding estimate with.
extension PEArray {
    /// `ceil(Co/Po) × ceil(Ci/lanes) × ceil(taps/Pk) × ceil(pixels/Pp)`, `lanes = denseInputLanes(taps:)`:
    /// a dense `GEMM` reduces `Pi` input channels and `Pk` kernel taps a pass for `Po` output
    /// channels and `Pp` pixels, and one of a single tap `Pi·Pk` input channels.
    public func densePasses(outputChannels: Int, inputChannels: Int, taps: Int, pixels: Int) -> Int {
        Self.ceilDiv(outputChannels, po) * Self.ceilDiv(inputChannels, denseInputLanes(taps: taps)) * Self.ceilDiv(taps, pk)
            * Self.ceilDiv(pixels, pp)
    }

    /// The input channels a dense pass reduces for each output channel and pixel: `Pi·Pk` for a
    /// `GEMM` of one kernel tap (a 1×1 convolution, a fully-connected layer), whose input channels
    /// then spread over the kernel-position multipliers too, else `Pi`.
    public func denseInputLanes(taps: Int) -> Int { taps == 1 ? pi * pk : pi }

    /// `ceil(Co/Po) × ceil(pixels/(Pi·Pk·Pp)) × taps`: a depthwise `GEMM` gives each channel's
    /// `Pi·Pk·Pp` multipliers one pixel each and walks the kernel taps (or planes) one a pass.
    public func depthwisePasses(outputChannels: Int, taps: Int, pixels: Int) -> Int {
        Self.ceilDiv(outputChannels, po) * Self.ceilDiv(pixels, depthwisePixelLanes) * taps
    }

    /// The pixels a depthwise pass computes for each of its `Po` channels: `Pi·Pk·Pp`.
    public var depthwisePixelLanes: Int { pi * pk * pp }

    private static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
