@testable import Report
import TestSupport
import IR
import Runtime
import Accelerator
import Quantization

/// The accelerator tests' conv tile as a two-layer program (loads, GEMM and POST in `conv`, the
/// STORE in `copy`), run once, for the report's tests.
enum ReportFixtures {
    static let tile = ConvTile(seed: 3)

    static func program(names: [String] = ["conv", "copy"]) -> AcceleratorProgram {
        var program = tile.program
        program.layers = [
            ProgramLayer(name: names[0], op: "Conv", firstInstruction: 0, instructionCount: 4, dramOutput: nil, sramOutput: nil,
                         macs: tile.outputChannels * tile.channels * 9 * tile.pixels, modeledCycles: 0, rooflineCycles: 100,
                         dramBytes: 0, compulsoryBytes: 90, tiling: "one tile"),
            ProgramLayer(name: names[1], op: "store", firstInstruction: 4, instructionCount: 2, dramOutput: tile.outputTensor,
                         sramOutput: nil, macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0, compulsoryBytes: 80, tiling: ""),
        ]
        program.instructions[4] = tile.store(tokens: AcceleratorFixtures.popPrevious).inLayer(1)
        program.instructions[5] = .end(layer: 1)
        return program
    }

    /// The accelerator tests' config with a long DMA setup, during which fetch has the read
    /// channel, so the GEMM is dispatched long before the input LOAD it waits for ends (as in
    /// RuntimeTests' timeline tests).
    static let config = {
        var config = AcceleratorFixtures.config
        config.costs.dmaSetupCycles = 64
        return config
    }()

    static func run(_ program: AcceleratorProgram) throws -> AcceleratorRun {
        try AcceleratorModel(program: program, config: config).run(input: tile.input)
    }
}

extension ReportFixtures {
    /// The tile as a compiled model: the two-layer program and a quantized graph of one conv layer
    /// (named `names[0]`) with the tile's weights and per-channel scales.
    static func model(names: [String] = ["conv", "copy"]) -> CompiledModel {
        let tile = self.tile
        let conv = QuantizedConv(
            weight: Tensor(shape: [tile.outputChannels, tile.channels, 3, 3], data: .int8(tile.weights.map { Int8($0) })),
            weightScales: [0.01, 0.02, 0.03, 0.04], bias: tile.bias,
            window: QuantizedWindow(kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1],
                                    inputSize: [tile.height, tile.width], outputSize: [tile.height, tile.width]),
            group: 1, inputZeroPoint: tile.inputZeroPoint,
            requantization: .multiplier(zip(tile.multipliers, tile.shifts).map { FixedPointMultiplier(multiplier: $0, shift: Int($1)) }),
            outputZeroPoint: tile.outputZeroPoint, outputClamp: tile.clamp)
        let outputDims = [1, tile.outputChannels, tile.height, tile.width]
        let outputParams = QuantParams(scale: 0.1, zeroPoint: tile.outputZeroPoint)
        let graph = QuantizedGraph(
            name: "tile", arithmetic: .standard,
            input: QuantizedInput(name: "x", dims: [1, tile.channels, tile.height, tile.width],
                                  params: QuantParams(scale: 0.02, zeroPoint: tile.inputZeroPoint)),
            layers: [QuantizedLayer(name: names[0], op: .conv(conv), inputs: ["x"], output: "y", dims: outputDims, params: outputParams)],
            outputs: [QuantizedOutput(name: "y", value: "y", dims: outputDims, params: outputParams, hostSoftmax: nil)])
        let metadata = ModelMetadata(name: "tile", source: "tile.onnx", producer: "vggc tests", inputName: "x",
                                     inputShape: [1, tile.channels, tile.height, tile.width], outputNames: ["y"],
                                     preprocessing: Preprocessing(color: .rgb, height: tile.height, width: tile.width),
                                     labels: [], calibration: "none")
        return CompiledModel(metadata: metadata, graph: graph, config: config, program: program(names: names))
    }
}
