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
            #expect(try program.totalCycles.value > 0, "\(preset.name)")
            for layer in program.layers where layer.work.geometry != nil {
                #expect(try layer.tiling.isDecided && !layer.instructions.value.isEmpty, "\(preset.name): \(layer.layer.name)")
            }
            if case .end = try program.instructions.value.last {} else { Issue.record("\(preset.name): the stream does not end with END") }
        }
    }

    @Test func stagesRunInPipelineOrder() {
        #expect(BackendPipeline.standard.stageNames == ["residency", "tile", "place-dram", "allocate", "lower", "check"])
    }

    /// When every buffer holds whole layers, DRAM traffic stays within the 1.15× target of the
    /// compulsory traffic (halos of spatial tiles are the only re-reads).
    @Test func trafficIsCompulsoryWhenSRAMHoldsEverything() throws {
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.config(input: 1024, weight: 1024, accumulator: 1024, output: 1024))
        for layer in try program.program.layers where layer.macs > 0 {
            #expect(Double(layer.dramBytes) <= 1.15 * Double(layer.compulsoryBytes), "\(layer.name): \(layer.dramBytes) vs \(layer.compulsoryBytes) \(layer.tiling)")
        }
    }

    /// A channel shuffle that reads no Concat has no stored layout to read by address.
    @Test func aShuffleOfNoConcatIsRefusedByName() throws {
        var graph = SchedulingFixtures.tinyNetwork()
        graph.layers.insert(QuantizedLayer(name: "shuffle", op: .channelShuffle(groups: 2), inputs: ["conv2"], output: "shuffle",
                                           dims: [1, 32, 8, 8], params: SchedulingFixtures.unit), at: 3)
        graph.layers[4].inputs = ["shuffle"]
        #expect(throws: BackendError.unsupportedLayer(layer: "shuffle", op: "ChannelShuffle", reason: "a channel shuffle of 2 groups is stored by address only when it alone reads a channel Concat of 2 inputs of equal channels (ShuffleNet's units)")) {
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
        #expect(program.layers.map(\.layer.name).last == "sigmoid")
        #expect(try program.totalCycles.value > 0)
    }

    /// Σ|w| × 128 beyond int32 could wrap the accumulator: refused, naming the channel.
    @Test func accumulatorThatCouldWrapIsRefused() throws {
        var graph = SchedulingFixtures.tinyNetwork()
        graph.layers[0] = SchedulingFixtures.conv("conv1", input: "x", inputChannels: 3, outputChannels: 16, size: 16)
        let wide = SchedulingFixtures.conv("big", input: "x", inputChannels: 65536, outputChannels: 1, size: 1, weightValue: 127)
        #expect(throws: BackendError.self) {
            _ = try LayerClassifier.work(of: wide, operandDims: [[1, 65536, 1, 1]], slices: ChannelSlices(graph: SchedulingFixtures.tinyNetwork()), shuffles: ChannelShuffles(graph: SchedulingFixtures.tinyNetwork()), mode: .standard, target: .shipped("vta"))
        }
        #expect(throws: Never.self) {
            _ = try LayerClassifier.work(of: wide, operandDims: [[1, 65536, 1, 1]], slices: ChannelSlices(graph: SchedulingFixtures.tinyNetwork()), shuffles: ChannelShuffles(graph: SchedulingFixtures.tinyNetwork()), mode: .de1socQ10, target: .shipped("vta"))
        }
    }

    @Test func sameGraphGivesTheSameProgram() throws {
        let a = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), .shipped("zc706"))
        let b = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), .shipped("zc706"))
        #expect(a == b)
        #expect(try InstructionStream.encode(a.instructions.value) == InstructionStream.encode(b.instructions.value))
    }

    /// The golden files chain: each stage's input is the previous stage's output, the first input
    /// is the fixture before any stage and the last output the fixture compiled.
    @Test(arguments: SchedulingGolden.cases)
    func goldenFilesChainStageToStage(_ testCase: SchedulingGolden.Case) throws {
        let stages = BackendStage.allCases
        let first = try String(contentsOf: SchedulingGolden.url(stages[0], testCase, "in"), encoding: .utf8)
        #expect(first == SchedulingGolden.text(try ScheduledProgram(graph: testCase.graph(), config: testCase.config())))
        for (previous, next) in zip(stages, stages.dropFirst()) {
            let output = try String(contentsOf: SchedulingGolden.url(previous, testCase, "out"), encoding: .utf8)
            let input = try String(contentsOf: SchedulingGolden.url(next, testCase, "in"), encoding: .utf8)
            #expect(output == input, "\(previous.rawValue) out ≠ \(next.rawValue) in")
        }
        let last = try String(contentsOf: SchedulingGolden.url(.check, testCase, "out"), encoding: .utf8)
        #expect(last == SchedulingGolden.text(try SchedulingFixtures.compile(testCase.graph(), testCase.config())))
    }

    /// A pass that breaks its stage's promise is caught after that stage when verifying, and not
    /// otherwise.
    @Test func verificationCatchesAPassThatBreaksItsStage() throws {
        struct OversizedTiles: BackendPass {
            var stage: BackendStage { .tile }
            func run(_ program: inout ScheduledProgram) throws {
                for index in program.layers.indices where program.layers[index].work.geometry != nil {
                    let shape = TileShape(outputChannels: 1000, inputChannels: 1, rows: 1, columns: 1, order: .pixelsOuter)
                    program.layers[index].tiling.decide(TileChoice(shape: shape, estimatedCycles: 1))
                }
            }
        }
        let pipeline = BackendPipeline(passes: [ResidencyPass(), OversizedTiles()])
        let program = try ScheduledProgram(graph: SchedulingFixtures.tinyNetwork(), config: .shipped("vta"))
        #expect(throws: BackendError.invalidSchedule(layer: "conv1", stage: "tile", detail: "has a tile of 1000 output channels, outside 1...16")) {
            try pipeline.run(program, verify: true)
        }
        #expect(try pipeline.run(program, verify: false).completedStages == [.residency, .tile])
    }

    /// A stage that runs before the one it depends on names what it is missing.
    @Test func aStageRunEarlyNamesTheMissingDecision() throws {
        let program = try ScheduledProgram(graph: SchedulingFixtures.tinyNetwork(), config: .shipped("vta"))
        #expect(throws: BackendError.undecided(subject: "where output 'conv1' lives", layer: "conv1", stage: "residency")) {
            try BackendPipeline(passes: [TilingPass()]).run(program, verify: false)
        }
    }
}
