import Accelerator

/// A config's estimate on one part beside the part's capacity and whether it fits: what
/// `vggc resources` prints and the HTML report shows. Counts are in the part's own primitives
/// (`bram36` counts M10K blocks on a Cyclone V part).
public struct ResourceReport: Codable, Hashable, Sendable {
    /// The part's DSP blocks, block RAMs, LUTs and flip-flops.
    public struct Capacity: Codable, Hashable, Sendable {
        public var dsp: Int
        public var bram36: Int
        public var lut: Int
        public var ff: Int
    }

    /// The config's name.
    public var target: String
    /// The part number (`xc7z045`).
    public var part: String
    /// Family and device.
    public var device: String
    /// The kind of DSP block.
    public var dspKind: String
    /// The block RAM primitive (`bram36`, `m10k`).
    public var memoryBlock: String
    public var dsp: Int
    public var bram36: Int
    public var lut: Int
    public var ff: Int
    /// Whether every resource is within the part's capacity.
    public var fits: Bool
    public var capacity: Capacity

    /// The estimate of `model` for `config` on `part`.
    public init(config: HardwareConfig, part: FPGAPart, model: ResourceModel = .standard) {
        let estimate = model.estimate(config, on: part)
        target = config.name
        self.part = part.name
        device = part.device
        dspKind = part.dspKind
        memoryBlock = part.memoryBlock.rawValue
        dsp = estimate.dsp
        bram36 = estimate.bram36
        lut = estimate.lut
        ff = estimate.ff
        fits = estimate.fits(part)
        capacity = Capacity(dsp: part.dspBlocks, bram36: part.memoryBlocks, lut: part.luts, ff: part.flipFlops)
    }

    /// The estimate on every part of the catalogue, in catalogue order.
    public static func catalogue(_ config: HardwareConfig, model: ResourceModel = .standard) -> [ResourceReport] {
        FPGAPart.catalogue.map { ResourceReport(config: config, part: $0, model: model) }
    }

    /// Each resource as (name, needed, available), in the order dsp, bram36, lut, ff.
    public var rows: [(resource: String, needed: Int, available: Int)] {
        [("dsp", dsp, capacity.dsp), ("bram36", bram36, capacity.bram36), ("lut", lut, capacity.lut), ("ff", ff, capacity.ff)]
    }
}
