import TestSupport
import IR
import Testing
@testable import Runtime
import Accelerator
import Quantization

@Suite struct AcceleratorTests {
    let config = AcceleratorFixtures.config

    @Test(arguments: RequantizationKind.allCases)
    func convTileMatchesANaiveConvolution(kind: RequantizationKind) throws {
        let tile = ConvTile(seed: 7 + UInt64(kind.rawValue), requantization: kind)
        let run = try AcceleratorModel(program: tile.program, config: config).run(input: tile.input)
        #expect(run.outputNames == ["y"])
        #expect(run.outputs == [tile.naiveOutput()])
        #expect(Set(tile.naiveOutput()).count > 3)
    }

    @Test func reluClampAndUnsaturatedSumsFollowThePost() throws {
        var tile = ConvTile(seed: 11, requantization: .shift)
        tile.clamp = tile.outputZeroPoint...127
        tile.saturate = false
        let run = try AcceleratorModel(program: tile.program, config: config).run(input: tile.input)
        #expect(run.outputs == [tile.naiveOutput()])
        #expect(run.outputs[0].contains(tile.outputZeroPoint))
    }

    /// Eight-byte accumulators take the 64-bit GEMM loop instead of the int8 kernel.
    @Test func wideAccumulatorsGiveTheSameTile() throws {
        let tile = ConvTile(seed: 12)
        var program = tile.program
        program.instructions = program.instructions.map { instruction in
            switch instruction {
            case .gemm(var gemm): gemm.accumulatorBytes = 8; return .gemm(gemm)
            case .post(var post): post.accumulatorBytes = 8; return .post(post)
            default: return instruction
            }
        }
        let run = try AcceleratorModel(program: program, config: config).run(input: tile.input)
        #expect(run.outputs == [tile.naiveOutput()])
        #expect(run.counters.sramBytesWritten(.accumulator) == 8 * tile.outputChannels * tile.pixels)
    }

    /// The model hands each run a machine as fresh as the first: a second run gives the same
    /// outputs and counts, though the first ended by storing over its constant weights and the
    /// parameter records its `POST` reads.
    @Test func aSecondRunStartsFromAFreshMachine() throws {
        let tile = ConvTile(seed: 13)
        var program = tile.program
        let constants = tile.weightBytes + 12 * tile.outputChannels
        program.instructions.insert(AcceleratorFixtures.flatStore(sramAddress: 0, dramAddress: 0, count: constants),
                                    at: program.instructions.count - 1)
        program.layers[0].instructionCount += 1
        let accelerator = try AcceleratorModel(program: program, config: config)
        let first = try accelerator.run(input: tile.input)
        let second = try accelerator.run(input: tile.input)
        #expect(first.outputs == [tile.naiveOutput()])
        #expect(second == first)
    }

    @Test func convTileMatchesTheIntegerInterpreter() throws {
        let tile = ConvTile(seed: 3)
        let window = QuantizedWindow(kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1],
                                     inputSize: [tile.height, tile.width], outputSize: [tile.height, tile.width])
        let conv = QuantizedConv(
            weight: Tensor(shape: Shape([tile.outputChannels, tile.channels, 3, 3]), data: .int8(tile.weights.map { Int8($0) })),
            weightScales: [1], bias: tile.bias, window: window, group: 1, inputZeroPoint: tile.inputZeroPoint,
            requantization: .multiplier(zip(tile.multipliers, tile.shifts).map { FixedPointMultiplier(multiplier: $0, shift: Int($1)) }),
            outputZeroPoint: tile.outputZeroPoint, outputClamp: tile.clamp)
        let dims = [1, tile.outputChannels, tile.height, tile.width]
        let unit = QuantParams(scale: 1, zeroPoint: 0)
        let graph = QuantizedGraph(
            name: "tile", arithmetic: .standard,
            input: QuantizedInput(name: "x", dims: tile.inputTensor.dims, params: unit),
            layers: [QuantizedLayer(name: "conv", op: .conv(conv), inputs: ["x"], output: "y", dims: dims, params: unit)],
            outputs: [QuantizedOutput(name: "y", value: "y", dims: dims, params: unit, hostSoftmax: nil)])
        let reference = try IntegerInterpreter(graph: graph)
            .runStored(Tensor(shape: Shape(tile.inputTensor.dims), floats: tile.input.map { Float($0) }))
        let run = try AcceleratorModel(program: tile.program, config: config).run(input: tile.input)
        #expect(run.output(named: "y") == reference["y"]?.int64s.map { Int32($0) })
    }

    @Test func aSecondGemmWithoutResetAccumulatesTheRemainingChannels() throws {
        let tile = ConvTile(seed: 5)
        let firstBlock = tile.outputChannels * 1 * 9
        // Weights regrouped as [m][c < 1] then [m][c ≥ 1], then the parameter records.
        func split(_ channels: Range<Int>) -> [Int32] {
            var block: [Int32] = []
            for m in 0..<tile.outputChannels {
                let first = (m * tile.channels + channels.lowerBound) * 9
                block += tile.weights[first..<(first + channels.count * 9)]
            }
            return block
        }
        let weights = split(0..<1) + split(1..<tile.channels)
        let constants = AcceleratorFixtures.littleEndian(weights, width: 1) + Array(tile.constants[tile.weightBytes...])
        func program(secondResets: Bool) -> AcceleratorProgram {
            AcceleratorFixtures.program(
                [tile.weightLoad(), tile.inputLoad(tokens: AcceleratorFixtures.pushNext),
                 tile.gemm(inputChannels: 0..<1, tokens: AcceleratorFixtures.popPrevious),
                 tile.gemm(inputChannels: 1..<tile.channels, weightAddress: firstBlock, reset: secondResets),
                 tile.post(tokens: AcceleratorFixtures.pushNext), tile.store(tokens: AcceleratorFixtures.popPrevious),
                 .end(layer: 0)],
                constants: constants, dramBytes: tile.dramBytes, input: tile.inputTensor, outputs: [tile.outputTensor])
        }
        let accumulated = try AcceleratorModel(program: program(secondResets: false), config: config).run(input: tile.input)
        #expect(accumulated.outputs == [tile.naiveOutput()])
        let restarted = try AcceleratorModel(program: program(secondResets: true), config: config).run(input: tile.input)
        #expect(restarted.outputs != [tile.naiveOutput()])
    }

    /// A long GEMM keeps the compute unit busy; tile A's GEMM waits behind it while the load unit
    /// moves on to tile B, which goes to the same input-buffer address. Only the compute→load token
    /// keeps B from overwriting A before A's GEMM read it.
    @Test func aMissingTokenLetsALoadOverwriteDataBeforeTheGemmReadsIt() throws {
        let tile = ConvTile(seed: 9)
        var generator = SeededGenerator(seed: 99)
        let inputB = (0..<tile.input.count).map { _ in Int32.random(in: -128...127, using: &generator) }
        let addressB = tile.inputAddress + 256
        let bothInputs = DRAMTensor(name: "x", address: tile.inputAddress, dims: [1, 1, 1, addressB - tile.inputAddress + tile.input.count],
                                    elementBytes: 1)
        let hostInput = tile.input + Array(repeating: 0, count: addressB - tile.inputAddress - tile.input.count) + inputB
        func program(withToken: Bool) -> AcceleratorProgram {
            let busy = tile.gemm(accumulatorAddress: 4096, inputSRAMAddress: 2048)
            return AcceleratorFixtures.program(
                [tile.weightLoad(tokens: AcceleratorFixtures.pushNext),
                 tile.gemm(accumulatorAddress: 4096, inputSRAMAddress: 2048, tokens: AcceleratorFixtures.popPrevious), busy, busy, busy,
                 tile.inputLoad(tokens: AcceleratorFixtures.pushNext),
                 tile.gemm(tokens: DependencyFlags(popPrevious: true, pushPrevious: withToken)),
                 tile.post(tokens: AcceleratorFixtures.pushNext),
                 tile.inputLoad(dramAddress: addressB, tokens: DependencyFlags(popNext: withToken)),
                 tile.store(tokens: AcceleratorFixtures.popPrevious), .end(layer: 0)],
                constants: tile.constants, dramBytes: tile.dramBytes, input: bothInputs, outputs: [tile.outputTensor])
        }
        let ordered = try AcceleratorModel(program: program(withToken: true), config: config)
        #expect(try ordered.run(input: hostInput).outputs == [tile.naiveOutput()])
        let racing = try AcceleratorModel(program: program(withToken: false), config: config)
        #expect(racing.timeline.events[8].start < racing.timeline.events[6].start)
        #expect(try racing.run(input: hostInput).outputs == [tile.naiveOutput(inputB)])
    }

    @Test func totalCyclesAndStallsComeFromThePipelineTimeline() throws {
        let tile = ConvTile(seed: 1)
        // A long DMA setup, during which fetch has the read channel: the GEMM is dispatched long before
        // the input LOAD it waits for ends.
        var config = self.config
        config.costs.dmaSetupCycles = 64
        let run = try AcceleratorModel(program: tile.program, config: config).run(input: tile.input)
        let timeline = try PipelineTimeline.schedule(tile.program.instructions, timing: TimingModel(config: config))
        #expect(run.totalCycles == timeline.totalCycles)
        #expect(run.timeline == timeline)
        // The GEMM waits for the input load, the STORE for the POST.
        let gemmStall = timeline.events[2].stall, storeStall = timeline.events[4].stall
        #expect(gemmStall > 0 && storeStall > 0)
        #expect(run.counters.stallCycles(of: .compute) == gemmStall + timeline.events[3].stall)
        #expect(run.counters.stallCycles(waitingOn: .loadToCompute) == gemmStall)
        #expect(run.counters.stallCycles(waitingOn: .computeToStore) == storeStall)
        #expect(run.counters.stallCycles(of: .load) == 0)
        #expect(run.layerCycles == [timeline.events[4].end])
    }

    @Test func observesEachLayerOutputFromDRAMOrSRAM() throws {
        let tile = ConvTile(seed: 2)
        var program = tile.program
        program.layers = [
            ProgramLayer(name: "conv", op: "conv", firstInstruction: 0, instructionCount: 4, dramOutput: nil,
                         sramOutput: SRAMTensor(buffer: .output, address: 0, planePitch: tile.pixels, rowPitch: tile.width,
                                                dims: tile.outputTensor.dims, elementBytes: 1),
                         macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0, compulsoryBytes: 0, tiling: ""),
            ProgramLayer(name: "copy", op: "store", firstInstruction: 4, instructionCount: 2, dramOutput: tile.outputTensor,
                         sramOutput: nil, macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0, compulsoryBytes: 0,
                         tiling: ""),
        ]
        program.instructions[4] = tile.store(tokens: AcceleratorFixtures.popPrevious).inLayer(1)
        program.instructions[5] = .end(layer: 1)
        var observed: [String] = []
        var values: [[Int32]] = []
        let run = try AcceleratorModel(program: program, config: config).run(input: tile.input) { layer, output in
            observed.append(layer.name)
            values.append(output)
        }
        #expect(observed == ["conv", "copy"])
        #expect(values == [tile.naiveOutput(), tile.naiveOutput()])
        #expect(run.layerCounters.map(\.macs) == [tile.outputChannels * tile.channels * 9 * tile.pixels, 0])
        #expect(run.layerCounters[1].dramBytesWritten == tile.outputChannels * tile.pixels)
    }

    @Test func aDeadlockIsTheTimelineError() throws {
        let tile = ConvTile(seed: 1)
        var program = tile.program
        program.instructions[1] = tile.inputLoad()
        #expect(throws: AcceleratorError.deadlock(instruction: 2, mnemonic: "GEMM", layer: "tile", queue: "load→compute")) {
            try AcceleratorModel(program: program, config: config)
        }
    }

    @Test func refusesAnInputOfTheWrongSizeOrRange() throws {
        let tile = ConvTile(seed: 1)
        let accelerator = try AcceleratorModel(program: tile.program, config: config)
        #expect(throws: RuntimeError.inputSizeMismatch(name: "x", expected: tile.input.count, actual: 3)) {
            try accelerator.run(input: [1, 2, 3])
        }
        var input = tile.input
        input[4] = 200
        #expect(throws: RuntimeError.inputValueOutOfRange(name: "x", index: 4, value: 200, elementBytes: 1)) {
            try accelerator.run(input: input)
        }
    }
}

extension AcceleratorTests {
    var tile: ConvTile { ConvTile(seed: 1) }

    @Test func anAccumulatorTilePastTheBufferNamesTheInstruction() throws {
        var program = tile.program
        program.instructions[2] = tile.gemm(accumulatorAddress: 8192 - 100, tokens: AcceleratorFixtures.popPrevious)
        #expect(throws: RuntimeError.memoryOutOfBounds(instruction: 2, mnemonic: "GEMM", layer: "tile", memory: "accumulator buffer",
                                                       address: 8092, bytes: 320, size: 8192)) {
            try AcceleratorModel(program: program, config: config).run(input: tile.input)
        }
    }

    @Test func aStorePastTheEndOfDRAMNamesTheInstruction() throws {
        var program = tile.program
        program.instructions[4] = tile.store(dramAddress: tile.dramBytes - 10, tokens: AcceleratorFixtures.popPrevious)
        #expect(throws: RuntimeError.memoryOutOfBounds(instruction: 4, mnemonic: "STORE", layer: "tile", memory: "DRAM",
                                                       address: tile.dramBytes - 10, bytes: 80, size: tile.dramBytes)) {
            try AcceleratorModel(program: program, config: config).run(input: tile.input)
        }
    }

    @Test func anUndefinedShiftIsRefused() throws {
        var bad = tile
        bad.shifts[1] = 63
        #expect(throws: RuntimeError.illegalInstruction(instruction: 3, mnemonic: "POST", layer: "tile",
                                                        reason: "shift 63 lies outside 0...62")) {
            try AcceleratorModel(program: bad.program, config: config).run(input: tile.input)
        }
    }
}
