import TestSupport
import IR
import Testing
@testable import Runtime
import Accelerator

@Suite struct ConstantWeightsTests {
    let config = AcceleratorFixtures.config

    func program(_ tile: ConvTile, _ instructions: [Instruction]) -> AcceleratorProgram {
        AcceleratorFixtures.program(instructions, constants: tile.constants, dramBytes: tile.dramBytes, input: tile.inputTensor,
                                    outputs: [tile.outputTensor])
    }

    func weights(_ program: AcceleratorProgram) -> ConstantWeights {
        ConstantWeights(program: program, executionOrder: Array(program.instructions.indices), path: .scalar)
    }

    /// The conv tile loads its weights and parameter records in one `LOAD`: the `GEMM`'s weights
    /// are packed once, and the `LOAD` still moves its data, which the `POST` reads.
    @Test func theConvTilesWeightsArePackedAndItsLoadStillMoves() {
        let tile = ConvTile(seed: 5)
        let constant = weights(tile.program)
        #expect(tile.program.instructions.indices.filter { constant[$0] != nil } == [2])
        #expect(constant[2]?.channels == tile.outputChannels && constant[2]?.depth == 9 * tile.channels)
        #expect(!constant.skipsLoad(0))
    }

    /// Weights loaded on their own, read by nothing but their packed `GEMM`: the `LOAD` moves no
    /// data, and the run still gives the naive convolution.
    @Test func aLoadOnlyPackedGemmsReadMovesNoData() throws {
        let tile = ConvTile(seed: 6)
        var instructions = tile.instructions
        instructions[0] = AcceleratorFixtures.flatLoad(.weight, dramAddress: 0, sramAddress: 0, count: tile.weightBytes)
        instructions.insert(AcceleratorFixtures.flatLoad(.weight, dramAddress: tile.parameterAddress,
                                                         sramAddress: tile.parameterAddress, count: 12 * tile.outputChannels),
                            at: 1)
        let program = program(tile, instructions)
        let constant = weights(program)
        #expect(constant.skipsLoad(0) && !constant.skipsLoad(1) && constant[3] != nil)
        #expect(try AcceleratorModel(program: program, config: config).run(input: tile.input).outputs == [tile.naiveOutput()])
    }

    /// A `STORE` overwrites the first output channel's weights in DRAM before they are loaded: they
    /// are not constant, the `GEMM` packs what the `LOAD` brought, and the output is the
    /// convolution with zeros there.
    @Test func weightsOverwrittenBeforeTheirLoadAreNotPacked() throws {
        let tile = ConvTile(seed: 8)
        let overwrite = AcceleratorFixtures.flatStore(sramAddress: 1000, dramAddress: 0, count: 9 * tile.channels)
        let program = program(tile, [overwrite] + tile.instructions)
        #expect(weights(program)[3] == nil)
        var zeroed = tile
        zeroed.weights.replaceSubrange(0..<(9 * tile.channels), with: repeatElement(0, count: 9 * tile.channels))
        #expect(try AcceleratorModel(program: program, config: config).run(input: tile.input).outputs
                    == [zeroed.naiveOutput(tile.input)])
    }

    /// A `POST` that writes its 80 results over the first of 108 loaded weight bytes: the `GEMM`
    /// after it reads those results, not constants, and the 28 weight bytes past them, so the
    /// `LOAD` must still move its data.
    @Test func resultsWrittenOverTheWeightsAreNotConstant() {
        let tile = ConvTile(seed: 9)
        guard case .post(var post) = tile.post() else { preconditionFailure("the tile's POST") }
        post.destination = StridedDestination(buffer: .weight, address: 0, planePitch: tile.pixels, rowPitch: tile.width)
        let weightsOnly = AcceleratorFixtures.flatLoad(.weight, dramAddress: 0, sramAddress: 0, count: tile.weightBytes)
        let instructions = [weightsOnly, tile.inputLoad(), tile.gemm(), .post(post), tile.gemm(), .end(layer: 0)]
        let constant = weights(program(tile, instructions))
        #expect(constant[2] != nil && constant[4] == nil)
        #expect(!constant.skipsLoad(0))
    }

    /// Weights loaded, used by a packed `GEMM`, then loaded over in full together with parameter
    /// records a `POST` reads: only the second `LOAD` moves its data.
    @Test func aLoadOverwrittenBeforeAnyReadMovesNoData() {
        let tile = ConvTile(seed: 10)
        let weightsOnly = AcceleratorFixtures.flatLoad(.weight, dramAddress: 0, sramAddress: 0, count: tile.weightBytes)
        let instructions = [weightsOnly, tile.inputLoad(), tile.gemm(), tile.weightLoad(), tile.gemm(), tile.post(),
                            .end(layer: 0)]
        let constant = weights(program(tile, instructions))
        #expect(constant[2] != nil && constant[4] != nil)
        #expect(constant.skipsLoad(0) && !constant.skipsLoad(3))
    }
}
