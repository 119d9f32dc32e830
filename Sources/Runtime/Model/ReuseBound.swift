import Accelerator
import Quantization

/// The reuse-limited lower bound on the DRAM traffic of a convolution or fully-connected layer
/// (docs/SCHEDULING.md, "Reuse-limited DRAM traffic"), in the manner of Hong and Kung's red–blue
/// pebble game: a layer of `V` multiply-accumulates on real (not padding) inputs, each input
/// element read at `R` window positions at most, run with `S` bytes on chip, moves at least
/// `⌊V / √(R·S)⌋ − S` bytes between DRAM and the chip, whatever the schedule.
///
/// Cut the run into segments of `S` element transfers each. The weights, input elements and
/// partial sums a segment touches were on chip when it began (at most `S`), or were loaded in it,
/// or are on chip when it ends or stored in it (at most `S` and the `S` transfers): `3S` at most
/// together, so their product is at most `S³`. By the Loomis–Whitney inequality the segment's
/// MACs, indexed by output channel, reduction index and pixel, number at most the square root of
/// the product of their projections: the weights, the `im2col` entries (at most `R` per input
/// element) and the outputs, so at most `√R·S^1.5`. So the layer needs `V / (√R·S^1.5)`
/// segments, all but the last of `S` transfers of one byte or more.
public struct ReuseBound: Hashable, Sendable {
    /// Multiply-accumulates whose input element is not padding (`V`).
    public var macs: Int
    /// The most window positions that read one input element (`R`).
    public var reuse: Int

    public init(macs: Int, reuse: Int) {
        self.macs = macs
        self.reuse = reuse
    }

    /// The bound's figures for `layer`; `nil` unless it is a convolution or fully-connected layer.
    public init?(layer: QuantizedLayer) {
        guard let conv = layer.op.quantizedConv else { return nil }
        let window = conv.window
        let dims = conv.weight.shape.dims
        let taps = window.kernel.reduce(1, *)
        let reduced = dims.dropFirst().reduce(1, *) / taps
        let height = Self.axis(window, 0), width = Self.axis(window, 1)
        self.init(macs: dims[0] * reduced * height.reads * width.reads, reuse: height.reuse * width.reuse)
    }

    /// Bytes any schedule of the layer moves at least with `onChipBytes` bytes on chip; 0 when the
    /// chip holds enough that the bound says nothing.
    public func bytes(onChipBytes: Int) -> Int {
        guard reuse > 0, onChipBytes > 0 else { return 0 }
        let segments = Double(macs) / (Double(reuse) * Double(onChipBytes)).squareRoot()
        return max(0, Int(segments.rounded(.down)) - onChipBytes)
    }

    /// Bytes that can hold a value on chip on `config`: every SRAM buffer, and the PE array's
    /// operand registers (a weight per `Po·Pi·Pk` MAC, an input per `Pi·Pk·Pp` lane, a partial sum
    /// per `Po·Pp` output).
    public static func onChipBytes(of config: HardwareConfig) -> Int {
        let a = config.array
        return config.totalSRAMBytes + a.po * a.pi * a.pk + a.pi * a.pk * a.pp + a.po * a.pp
    }

    /// The bound of each layer of `program`, in table order, on `config`: 0 for a layer of
    /// `graph` that is no convolution or fully-connected layer.
    public static func bytes(of program: AcceleratorProgram, graph: QuantizedGraph, config: HardwareConfig) -> [Int] {
        let layers = Dictionary(graph.layers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let onChip = onChipBytes(of: config)
        return program.layers.map { row in
            layers[row.name].flatMap(ReuseBound.init(layer:))?.bytes(onChipBytes: onChip) ?? 0
        }
    }

    /// Along one axis (0 height, 1 width): the (tap, output) pairs that read inside the input, and
    /// the most that read one input position.
    private static func axis(_ window: QuantizedWindow, _ axis: Int) -> (reads: Int, reuse: Int) {
        var readers = Array(repeating: 0, count: window.inputSize[axis])
        for tap in 0..<window.kernel[axis] {
            for output in 0..<window.outputSize[axis] {
                let position = window.inputPosition(axis: axis, output: output, tap: tap)
                if readers.indices.contains(position) { readers[position] += 1 }
            }
        }
        return (readers.reduce(0, +), readers.max() ?? 0)
    }
}
