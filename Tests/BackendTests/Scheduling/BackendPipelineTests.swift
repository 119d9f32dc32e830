@testable import Backend
import IR
import Testing
import Accelerator
import Quantization
import TestSupport

@Suite struct BackendPipelineTests {
    @Test func tinyNetworkCompilesForEveryPreset() throws {
        for preset in HardwareConfig.presets {
            let mode: ArithmeticMode = preset.arithmetic == .de1socQ10 ? .de1socQ10 : .standard
            let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(mode: mode), preset)
            #expect(program.totalCycles > 0, "\(preset.name)")
            #expect(program.layers.allSatisfy { $0.work.geometry == nil || ($0.tile != nil && !$0.instructions.isEmpty) })
            if case .end = program.instructions.last {} else { Issue.record("\(preset.name): the stream does not end with END") }
        }
    }

    @Test func stagesRunInPipelineOrder() {
        #expect(BackendPipeline.standard.stageNames == ["residency", "tile", "place-dram", "allocate", "lower", "check"])
    }

    /// With room on chip, each layer's output goes straight into the next layer's input box; the
    /// dump says so and DRAM sees only the input, the constants and the last output.
    @Test func outputsStayOnChipWhenTheyFit() throws {
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.config(input: 256, weight: 256, accumulator: 64, output: 64))
        let byName = Dictionary(uniqueKeysWithValues: program.layers.map { ($0.layer.name, $0) })
        #expect(byName["conv1"]?.outputOnChip != nil && byName["pool1"]?.inputOnChip != nil)
        #expect(byName["pool1"]?.outputOnChip != nil && byName["conv2"]?.inputOnChip != nil)
        #expect(byName["conv1"]?.outputDRAM == nil)
        let stores = program.instructions.filter { if case .store = $0 { return true } else { return false } }
        #expect(!stores.isEmpty)
        let text = ScheduledProgramPrinter.print(program, stage: "check")
        #expect(text.contains("kept on chip for the next layer"))
        // The kept values do not overlap each other or the slots of the layer between them.
        let conv2 = try #require(byName["conv2"]), pool1 = try #require(byName["pool1"])
        let input = try #require(pool1.inputOnChip), output = try #require(pool1.outputOnChip)
        let inputBytes = program.residentBytes(input)
        #expect(output.address >= input.address + inputBytes || input.address >= output.address + program.residentBytes(output))
        #expect(conv2.inputOnChip?.address != nil)
    }

    @Test func tinyInputBufferKeepsNothingOnChip() throws {
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.config(input: 2, weight: 64, accumulator: 16, output: 16))
        #expect(program.layers.allSatisfy { $0.outputOnChip == nil })
    }

    /// When every buffer holds whole layers, DRAM traffic stays within the 1.15× target of the
    /// compulsory traffic (halos of spatial tiles are the only re-reads).
    @Test func trafficIsCompulsoryWhenSRAMHoldsEverything() throws {
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.config(input: 1024, weight: 1024, accumulator: 1024, output: 1024))
        for layer in program.program.layers where layer.macs > 0 {
            #expect(Double(layer.dramBytes) <= 1.15 * Double(layer.compulsoryBytes), "\(layer.name): \(layer.dramBytes) vs \(layer.compulsoryBytes) \(layer.tiling)")
        }
    }

    @Test func bufferTooSmallForTheSmallestTileNamesTheLayerAndBytes() throws {
        let config = SchedulingFixtures.config(input: 64, weight: 64, accumulator: 64, output: 64)
        var tiny = config
        tiny.buffers[2].bytes = 8
        #expect(throws: BackendError.layerDoesNotFit(
            layer: "conv1", target: "vta", reason: "the accumulator buffer needs 16 bytes for the smallest tile, has 8")) {
            try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), tiny)
        }
    }

    @Test func groupedConvolutionIsRefusedByName() throws {
        var graph = SchedulingFixtures.tinyNetwork()
        graph.layers[2] = SchedulingFixtures.conv("conv2", input: "pool1", inputChannels: 16, outputChannels: 32, size: 8, group: 2)
        #expect(throws: BackendError.unsupportedLayer(layer: "conv2", op: "Conv", reason: "grouped convolution (group 2)")) {
            try ScheduledProgram(graph: graph, config: .shipped("vta"))
        }
    }

    /// A target without LUT activations has no lookup-table stage: a sigmoid (a 256-entry table, or
    /// in `de1soc-q10` the piecewise-linear curve) is refused naming the layer; with the stage the
    /// same graph compiles.
    @Test(arguments: [(ArithmeticMode.standard, "LookupTable"), (.de1socQ10, "PiecewiseLinearSigmoid")])
    func sigmoidNeedsALookupTableStage(mode: ArithmeticMode, op: String) throws {
        var graph = SchedulingFixtures.tinyNetwork(mode: mode)
        let sigmoid: QuantizedOp = mode == .de1socQ10
            ? .piecewiseLinearSigmoid(knots: PiecewiseLinearSigmoid.knots)
            : .lookupTable((0..<256).map { Int8(clamping: ($0 - 128) / 2) })
        graph.layers.append(QuantizedLayer(name: "sigmoid", op: sigmoid, inputs: ["fc"], output: "sigmoid", dims: [1, 10],
                                           params: SchedulingFixtures.unit))
        graph.outputs[0].value = "sigmoid"
        var target = HardwareConfig.shipped("vta")
        target.features.lutActivations = false
        #expect(throws: BackendError.unsupportedLayer(
            layer: "sigmoid", op: op, reason: "target 'vta' has no LUT activations (features.lutActivations is false), "
                + "so it has no lookup-table stage for sigmoid, tanh or other table layers")) {
            try ScheduledProgram(graph: graph, config: target)
        }
        target.features.lutActivations = true
        let program = try SchedulingFixtures.compile(graph, target)
        #expect(program.layers.map(\.layer.name).last == "sigmoid" && program.totalCycles > 0)
    }

    /// Σ|w| × 128 beyond int32 could wrap the accumulator: refused, naming the channel.
    @Test func accumulatorThatCouldWrapIsRefused() throws {
        var graph = SchedulingFixtures.tinyNetwork()
        graph.layers[0] = SchedulingFixtures.conv("conv1", input: "x", inputChannels: 3, outputChannels: 16, size: 16)
        let wide = SchedulingFixtures.conv("big", input: "x", inputChannels: 65536, outputChannels: 1, size: 1, weightValue: 127)
        #expect(throws: BackendError.self) {
            _ = try LayerClassifier.work(of: wide, inputDims: [1, 65536, 1, 1], mode: .standard, target: .shipped("vta"))
        }
        #expect(throws: Never.self) {
            _ = try LayerClassifier.work(of: wide, inputDims: [1, 65536, 1, 1], mode: .de1socQ10, target: .shipped("vta"))
        }
    }

    @Test func sameGraphGivesTheSameProgram() throws {
        let a = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), .shipped("zc706"))
        let b = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), .shipped("zc706"))
        #expect(a.instructions == b.instructions && a.constants == b.constants)
        #expect(try InstructionStream.encode(a.instructions) == InstructionStream.encode(b.instructions))
    }

    /// The stream's token pushes and pops balance per queue (the barrier's last token aside), and
    /// the load unit only reuses a slot after compute released it.
    @Test func tokensBalance() throws {
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.config(input: 4, weight: 8, accumulator: 4, output: 2))
        var pushes = [Int](repeating: 0, count: 4), pops = [Int](repeating: 0, count: 4)
        for (index, instruction) in program.instructions.enumerated() {
            for queue in try instruction.pushedQueues(index: index) { pushes[queue.rawValue] += 1 }
            for queue in try instruction.poppedQueues(index: index) { pops[queue.rawValue] += 1 }
        }
        #expect(pushes[TokenQueue.loadToCompute.rawValue] == pops[TokenQueue.loadToCompute.rawValue])
        #expect(pushes[TokenQueue.computeToStore.rawValue] == pops[TokenQueue.computeToStore.rawValue])
        #expect(pushes[TokenQueue.computeToLoad.rawValue] == pops[TokenQueue.computeToLoad.rawValue])
        #expect(pushes[TokenQueue.storeToCompute.rawValue] >= pops[TokenQueue.storeToCompute.rawValue])
        #expect(pops[TokenQueue.computeToLoad.rawValue] > program.layers.count, "small buffers should force slot reuse")
    }
}
