import Accelerator
import IR
import Quantization
import Runtime
import Testing
import TestSupport

@Suite struct ReuseBoundTests {
    /// A layer of `op` reading `x`.
    static func layer(_ op: QuantizedOp) -> QuantizedLayer {
        QuantizedLayer(name: "layer", op: op, inputs: ["x"], output: "y", dims: [1], params: QuantParams(scale: 1, zeroPoint: 0))
    }

    /// A convolution of `weightDims` weights (all 1) over `window`.
    static func conv(_ weightDims: [Int], _ window: QuantizedWindow) -> QuantizedConv {
        QuantizedConv(weight: Tensor(shape: Shape(weightDims), data: .int8(Array(repeating: 1, count: weightDims.reduce(1, *)))),
                      weightScales: [1], bias: Array(repeating: 0, count: weightDims[0]), window: window, group: 1, inputZeroPoint: 0,
                      requantization: .multiplier(Array(repeating: FixedPointMultiplier(multiplier: 1 << 30, shift: 31), count: weightDims[0])),
                      outputZeroPoint: 0, outputClamp: -128...127)
    }

    /// 3×3, padding 1, stride 1 on 4×4: along each axis the taps read 3, 4 and 3 positions inside
    /// the input (10 of 12), and positions 1 and 2 are read by all three taps. 3 × 2 channels:
    /// 600 MACs on real inputs, reuse 9. With 4 bytes on chip: ⌊600 / √36⌋ − 4 = 96 bytes.
    @Test func paddedConvolutionCountsOnlyRealInputs() throws {
        let window = QuantizedWindow(kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1], inputSize: [4, 4],
                                     outputSize: [4, 4])
        let bound = try #require(ReuseBound(layer: Self.layer(.conv(Self.conv([3, 2, 3, 3], window)))))
        #expect(bound == ReuseBound(macs: 600, reuse: 9))
        #expect(bound.bytes(onChipBytes: 4) == 96)
        #expect(bound.bytes(onChipBytes: 100) == 0)
    }

    /// 3×3, stride 2, no padding on 5×5 (2×2 outputs): each axis reads positions 0, 2 | 1, 3 |
    /// 2, 4, position 2 twice; one channel: 36 MACs, reuse 4.
    @Test func stridedConvolutionReusesLess() throws {
        let window = QuantizedWindow(kernel: [3, 3], strides: [2, 2], dilations: [1, 1], pads: [0, 0, 0, 0], inputSize: [5, 5],
                                     outputSize: [2, 2])
        #expect(ReuseBound(layer: Self.layer(.conv(Self.conv([1, 1, 3, 3], window)))) == ReuseBound(macs: 36, reuse: 4))
    }

    /// A fully-connected layer of 10 × 20 weights: 200 MACs, each input read once; with 16 bytes
    /// on chip ⌊200 / 4⌋ − 16 = 34 bytes. Other layers have no bound.
    @Test func fullyConnectedLayersReuseNothingAndOtherLayersHaveNoBound() throws {
        let bound = try #require(ReuseBound(layer: Self.layer(.fullyConnected(Self.conv([10, 20], .pointwise)))))
        #expect(bound == ReuseBound(macs: 200, reuse: 1))
        #expect(bound.bytes(onChipBytes: 16) == 34)
        #expect(ReuseBound(layer: Self.layer(.reshape)) == nil)
    }

    /// zc706 (16 × 8 × 3 × 2): 2,306,048 SRAM bytes, and 16·8·3 weight, 8·3·2 input and 16·2 sum registers.
    @Test func onChipBytesAreTheBuffersAndTheArrayRegisters() {
        #expect(ReuseBound.onChipBytes(of: .shipped("zc706")) == 2_306_048 + 384 + 48 + 32)
    }
}
