import IR
import Testing
@testable import Quantization

@Suite struct QuantizedOpConvTests {
    static func conv(weight: Int8) -> QuantizedConv {
        QuantizedConv(weight: Tensor(shape: [1, 1], data: .int8([weight])), weightScales: [1], bias: [0], window: .pointwise,
                      group: 1, inputZeroPoint: 0, requantization: .shift(0), outputZeroPoint: 0, outputClamp: -128...127)
    }

    /// Convolutions and fully-connected layers hand out their conv and take another; nothing else has one.
    @Test func onlyConvolutionsAndFullyConnectedLayersHaveAConv() {
        let (old, new) = (Self.conv(weight: 1), Self.conv(weight: 2))
        #expect(QuantizedOp.conv(old).quantizedConv == old)
        #expect(QuantizedOp.fullyConnected(old).quantizedConv == old)
        #expect(QuantizedOp.conv(old).replacingConv(new) == .conv(new))
        #expect(QuantizedOp.fullyConnected(old).replacingConv(new) == .fullyConnected(new))
        let others: [QuantizedOp] = [.globalMaxPool, .lookupTable([0]), .clamp(0...1), .reshape, .sliceChannels(start: 0, count: 1),
                                     .channelShuffle(groups: 2), .pad(pads: [0, 0], value: 0)]
        for op in others {
            #expect(op.quantizedConv == nil)
            #expect(op.replacingConv(new) == op)
        }
    }
}
