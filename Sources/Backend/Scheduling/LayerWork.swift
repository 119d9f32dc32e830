import IR
import Accelerator
import Quantization

/// What one quantized layer asks of the accelerator, with its geometry resolved.
public enum LayerWork: Hashable, Sendable {
    /// Convolution or fully-connected layer on the PE array, then `POST`.
    case gemm(GemmWork)
    /// Max, average or global pooling on the `POOL` unit.
    case pool(PoolWork)
    /// Lookup table, piecewise-linear sigmoid or clamp on the `ALU`.
    case elementwise(ElementwiseWork)
    /// A rescaled sum of same-shaped inputs: one `ADD` per input and tile.
    case add(AddWork)
    /// A channel Concat: inputs written into their slices by address cost nothing here; the others
    /// are copied into theirs by a one-operand `ADD` per tile.
    case concat(ConcatWork)
    /// A reshape (`channelOffset` 0) or a Slice/Split of channels: the bytes of the input from
    /// channel `channelOffset` on, under the output's shape; no instructions.
    case alias(channelOffset: Int)

    /// The geometry, for layers that run instructions.
    public var geometry: PlaneGeometry? {
        switch self {
        case .gemm(let work): return work.geometry
        case .pool(let work): return work.geometry
        case .elementwise(let work): return work.geometry
        case .add(let work): return work.geometry
        case .concat(let work): return work.geometry
        case .alias: return nil
        }
    }

    /// The fold of a convolution whose kernel positions are folded into input channels; its loads
    /// gather the planes from DRAM, so its input is never kept on chip.
    public var kernelFold: KernelFold? {
        if case .gemm(let work) = self { return work.fold }
        return nil
    }

    /// The value its `LOAD`s pad with: what a padded tap must read.
    public var padValue: Int32 {
        switch self {
        case .gemm(let work): return work.conv.inputZeroPoint
        case .pool(let work): return work.padValue
        case .elementwise(let work): return work.padValue
        case .add, .concat, .alias: return 0
        }
    }
}

/// A convolution or fully-connected layer; a depthwise one (a group per input channel, one output
/// channel each) runs depthwise `GEMM`s, output channel `m` reading plane `m`; a grouped one
/// (`groups` > 1, several channels per group) runs each group's `GEMM`s over its own channel
/// slices (`GemmWork+Groups.swift`). A folded one (`fold`) runs as a reduction over its `Ci·kh·kw`
/// gathered planes, and `geometry` is then the folded 1×1 geometry (`KernelFold`).
public struct GemmWork: Hashable, Sendable {
    public var geometry: PlaneGeometry
    public var conv: QuantizedConv
    public var depthwise = false
    /// Set when the kernel positions are folded into input channels.
    public var fold: KernelFold?
    /// Groups of a grouped convolution that is not depthwise; 1 otherwise.
    public var groups = 1
    /// A squeeze-and-excitation product whose depthwise weights include the gate (input 1), read
    /// at run time.
    public var gate: GatedProduct?

    /// Input channels each output channel sums over: 1 when depthwise, a group's when grouped.
    public var reducedChannels: Int { depthwise ? 1 : geometry.inputChannels / groups }
}

/// A pooling layer: one reciprocal serves every window, or (`unevenTaps`) one per count of taps.
public struct PoolWork: Hashable, Sendable {
    public var geometry: PlaneGeometry
    public var kind: PoolKind
    public var inputZeroPoint: Int32
    public var outputZeroPoint: Int32
    public var reciprocal: FixedPointMultiplier
    public var clamp: ClosedRange<Int32>
    /// The storage minimum for max pooling (padding never wins), the input zero point for average
    /// pooling (padding adds 0 to the sum).
    public var padValue: Int32
    /// An average pool whose windows count different numbers of taps (padding excluded at the
    /// borders): each block of outputs with one count runs its own `POOL`.
    public var unevenTaps: UnevenTaps?
}

/// The taps each output row and column of an average pool counts, and the reciprocal of every
/// count (`QuantizedPool.reciprocals`, entry `n − 1` for `n` taps).
public struct UnevenTaps: Hashable, Sendable {
    public var rowCounts: [Int]
    public var columnCounts: [Int]
    public var reciprocals: [FixedPointMultiplier]

    /// The reciprocal of a window counting `rows × columns` taps (the classifier refuses windows of
    /// none).
    public func reciprocal(rows: Int, columns: Int) -> FixedPointMultiplier {
        reciprocals[rows * columns - 1]
    }

    /// `range` cut into runs of equal `counts`.
    static func runs(_ range: Range<Int>, _ counts: [Int]) -> [Range<Int>] {
        var runs: [Range<Int>] = []
        var start = range.lowerBound
        for index in range where index + 1 == range.upperBound || counts[index + 1] != counts[start] {
            runs.append(start..<(index + 1))
            start = index + 1
        }
        return runs
    }
}

/// An elementwise layer.
public struct ElementwiseWork: Hashable, Sendable {
    public var geometry: PlaneGeometry
    public var operation: ALUOperation
    /// The table bytes the `ALU` reads from the weight buffer (256 int8, or 33 little-endian int32
    /// knots); empty for clamp.
    public var table: [UInt8]
    public var clamp: ClosedRange<Int32>
    /// What the `LOAD`s insert around the input: a standalone Pad's value (its geometry's pads are
    /// the Pad's), 0 for layers without padding.
    public var padValue: Int32 = 0
}

/// An elementwise sum of same-shaped inputs, `clamp(outputZeroPoint + roundingShift(Σ (q_i − zp_i) ×
/// m_i, shift))` (QuantizedOp.add): each input's `ADD` adds its rescaled tile to 64-bit partial
/// sums, the last one writes the output.
public struct AddWork: Hashable, Sendable {
    public var geometry: PlaneGeometry
    /// One per input, in the layer's input order.
    public var operands: [QuantizedRescale]
    public var shift: Int
    public var outputZeroPoint: Int32
    public var clamp: ClosedRange<Int32>
}

/// A Concat along channels. Its geometry spans the widest copied input (`nil` when every input is
/// written by address, and the layer runs no instructions).
public struct ConcatWork: Hashable, Sendable {
    public var geometry: PlaneGeometry?
    /// The inputs copied into their slices, in input order.
    public var copies: [ConcatCopy]
    public var shift: Int
    public var outputZeroPoint: Int32
    public var clamp: ClosedRange<Int32>
}

/// One Concat input copied (and rescaled) by `ADD` into channels `channelOffset..<channelOffset + channels`.
public struct ConcatCopy: Hashable, Sendable {
    /// Its position among the layer's inputs.
    public var operand: Int
    public var channelOffset: Int
    public var channels: Int
    public var rescale: QuantizedRescale
}
