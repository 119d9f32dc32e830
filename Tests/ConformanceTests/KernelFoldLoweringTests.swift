import Backend
import IR
import Runtime
import Testing
import Accelerator
import Quantization
import TestSupport

/// Convolutions with few input channels whose kernel positions the load unit folds into input
/// channels (`KernelFold`), bit-exact against `IntegerInterpreter` layer by layer on every preset:
/// a 5×3 window with row stride 2, row dilation 2 and uneven padding over 2 channels, then a 3×3
/// one over its 12, both cut into several tiles where the buffers are small.
@Suite struct KernelFoldLoweringTests {
    /// x [1, 2, 40, 40] → odd (5×3, strides 2,1, dilations 2,1, pads top 3 left 1 bottom 2 right 0,
    /// 12 channels, 19×39) → stem (3×3, pad 1, 8 channels) → y.
    static func graph(mode: ArithmeticMode) -> QuantizedGraph {
        var generator = SeededGenerator(seed: 31)
        let (x, odd): (Int32, Int32) = mode.usesZeroPoints ? (5, -3) : (0, 0)
        let layers = [
            conv("odd", input: "x", channels: 2, outputChannels: 12, kernel: [5, 3], strides: [2, 1], dilations: [2, 1],
                 pads: [3, 1, 2, 0], inputSize: [40, 40], outputSize: [19, 39], mode: mode, zeroPoints: (x, odd), using: &generator),
            conv("stem", input: "odd", channels: 12, outputChannels: 8, kernel: [3, 3], strides: [1, 1], dilations: [1, 1],
                 pads: [1, 1, 1, 1], inputSize: [19, 39], outputSize: [19, 39], mode: mode, zeroPoints: (odd, 0), using: &generator),
        ]
        return QuantizedGraph(name: "folds", arithmetic: mode,
                              input: QuantizedInput(name: "x", dims: [1, 2, 40, 40], params: MultiInputGraphs.params(mode, x)),
                              layers: layers,
                              outputs: [QuantizedOutput(name: "y", value: "stem", dims: [1, 8, 19, 39], params: MultiInputGraphs.params(mode, 0),
                                                        hostSoftmax: nil)])
    }

    /// A sweep classifies once and retargets (`ScheduledProgram.retargeted(to:)`): whether a layer
    /// folds must then be what classifying for the new array decides, on every pair of presets
    /// (given the first one's features), and some pairs must disagree on it.
    @Test func retargetingRefoldsAsClassifyingDoes() throws {
        let graph = Self.graph(mode: .standard)
        var disagreeing = 0
        for first in HardwareConfig.presets {
            let classified = try ScheduledProgram(graph: graph, config: first)
            for var second in HardwareConfig.presets where second.name != first.name {
                second.features = first.features
                let fresh = try ScheduledProgram(graph: graph, config: second)
                #expect(try classified.retargeted(to: second).layers.map(\.work) == fresh.layers.map(\.work), "\(first.name) → \(second.name)")
                disagreeing += zip(classified.layers, fresh.layers).filter { ($0.work.kernelFold == nil) != ($1.work.kernelFold == nil) }.count
            }
        }
        #expect(disagreeing > 0, "no pair of presets folds differently: the test shows nothing")
    }

    @Test(arguments: HardwareConfig.presets.map(\.name))
    func foldedConvolutionsAreBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        let (scheduled, _, reference) = try LoweringCheck.bitExact(Self.graph(mode: config.arithmetic), on: config, seed: 12)
        #expect(Set(reference["odd"] ?? []).count > 8, "the folded layer's output is not degenerate")
        let folded = scheduled.layers.filter { $0.work.kernelFold != nil }.map(\.layer.name)
        let program = try scheduled.program
        let sharedPlaneGemms = program.instructions.filter {
            if case .gemm(let gemm) = $0 { return gemm.depthwise && gemm.inputPlanePitch == 0 } else { return false }
        }
        // zc706 (16 × 8 × 3 × 2) reduces 3 taps a pass: folding would cut its 1,855 passes to 480, but
        // the load unit's 30 planes then take about 2,150 cycles.
        #expect(folded.contains("odd") == ["vta", "zcu102"].contains(preset),
                "seed000's 3×3 window unit and zc706's 3 kernel lanes already reduce several taps a pass; de1soc's 4-byte planes at 8 B/cycle cost more than its passes")
        #expect(sharedPlaneGemms.isEmpty == folded.isEmpty)
    }

    /// A convolution of `kernel`, `strides`, `dilations` and `pads` (top, left, bottom, right) with
    /// seeded weights in `mode`'s requantization (as `DepthwiseGraphs` builds them).
    static func conv(_ name: String, input: String, channels: Int, outputChannels: Int, kernel: [Int], strides: [Int],
                     dilations: [Int], pads: [Int], inputSize: [Int], outputSize: [Int], mode: ArithmeticMode,
                     zeroPoints: (input: Int32, output: Int32), using generator: inout SeededGenerator) -> QuantizedLayer {
        let weights = (0..<(outputChannels * channels * kernel[0] * kernel[1])).map { _ in Int8.random(in: -40...40, using: &generator) }
        let window = QuantizedWindow(kernel: kernel, strides: strides, dilations: dilations, pads: pads, inputSize: inputSize,
                                     outputSize: outputSize)
        let conv = QuantizedConv(
            weight: Tensor(shape: Shape([outputChannels, channels] + kernel), data: DepthwiseGraphs.weightData(weights, mode: mode)),
            weightScales: [0.01], bias: (0..<outputChannels).map { Int32($0 * 11 - 40) }, window: window, group: 1,
            inputZeroPoint: zeroPoints.input, requantization: DepthwiseGraphs.requantization(mode, outputChannels: outputChannels),
            outputZeroPoint: zeroPoints.output, outputClamp: mode.storageRange)
        return QuantizedLayer(name: name, op: .conv(conv), inputs: [input], output: name,
                              dims: [1, outputChannels] + outputSize, params: MultiInputGraphs.params(mode, zeroPoints.output))
    }
}
