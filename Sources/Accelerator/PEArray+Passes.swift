/// How many passes of the array a `GEMM` takes (docs/ISA.md, "Timing"): the one rule that the timing
/// model charges and that the compiler's tile search and kernel folding estimate with.
extension PEArray {
    /// `ceil(Co/Po) × ceil(Ci/Pi) × ceil(taps/Pk) × ceil(pixels/Pp)`: a dense `GEMM` reduces `Pi`
    /// input channels and `Pk` kernel taps a pass for `Po` output channels and `Pp` pixels.
    public func densePasses(outputChannels: Int, inputChannels: Int, taps: Int, pixels: Int) -> Int {
        Self.ceilDiv(outputChannels, po) * Self.ceilDiv(inputChannels, pi) * Self.ceilDiv(taps, pk) * Self.ceilDiv(pixels, pp)
    }

    /// `ceil(Co/Po) × ceil(pixels/(Pi·Pk·Pp)) × taps`: a depthwise `GEMM` gives each channel's
    /// `Pi·Pk·Pp` multipliers one pixel each and walks the kernel taps (or planes) one a pass.
    public func depthwisePasses(outputChannels: Int, taps: Int, pixels: Int) -> Int {
        Self.ceilDiv(outputChannels, po) * Self.ceilDiv(pixels, depthwisePixelLanes) * taps
    }

    /// The pixels a depthwise pass computes for each of its `Po` channels: `Pi·Pk·Pp`.
    public var depthwisePixelLanes: Int { pi * pk * pp }

    private static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
