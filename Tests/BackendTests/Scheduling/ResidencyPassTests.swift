@testable import Backend
import Testing

@Suite struct ResidencyPassTests {
    /// Golden `residency/`; on every preset the small network's pool reads the convolution's output
    /// on chip; the 3-input Sum hands its output to the one-input Add on chip; `a`, read by `b` and
    /// by both Adds across the skip, stays on chip for all three; a Concat whose
    /// inputs write into its output by address keeps it in DRAM.
    @Test(arguments: SchedulingGolden.cases)
    func golden(_ testCase: SchedulingGolden.Case) throws {
        let (_, output) = try SchedulingGolden.check(.residency, testCase)
        switch testCase.fixture {
        case .small:
            #expect(try output.layers[0].output.isOnChip && output.layers[1].inputs[0].isOnChip)
            #expect(try !output.layers[4].output.isOnChip, "a graph output goes to DRAM")
        case .residual:
            #expect(try output.layers[3].output.isOnChip && output.layers[4].inputs[0].isOnChip)
            #expect(try output.layers[0].output.isOnChip && output.layers[1].inputs[0].isOnChip && output.layers[2].inputs[1].isOnChip
                        && output.layers[3].inputs[2].isOnChip, "the skip value a stays on chip for b, res and sum")
        case .concats:
            #expect(try !output.layers[2].output.isOnChip && !output.layers[8].output.isOnChip)
        case .separable:
            #expect(try output.layers[0].output.isOnChip && output.layers[1].inputs[0].isOnChip)
        }
    }

    /// With room on chip, each layer's output goes straight into the next layer's input box; DRAM
    /// sees only the input, the constants and what the reshape and the classifier need.
    @Test func outputsStayOnChipWhenTheyFit() throws {
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.config(input: 256, weight: 256, accumulator: 64, output: 64))
        let byName = Dictionary(uniqueKeysWithValues: program.layers.map { ($0.layer.name, $0) })
        let conv1 = try #require(byName["conv1"]), pool1 = try #require(byName["pool1"]), conv2 = try #require(byName["conv2"])
        #expect(try conv1.output.isOnChip && pool1.inputs[0].isOnChip)
        #expect(try pool1.output.isOnChip && conv2.inputs[0].isOnChip)
        #expect(!conv1.output.dramTensor.isDecided)
        // pool1 reads conv1's box (16 channels of 16×16) and writes conv2's (16 of 10×10, padded).
        let input = try pool1.inputs[0].sramTensor.value, output = try conv2.inputs[0].sramTensor.value
        let layout = try OnChipLayout(program: program)
        #expect(layout.value(producedBy: 0)?.bytes == 16 * 16 * 16 && layout.value(producedBy: 1)?.bytes == 16 * 10 * 10)
        #expect(output.address + 16 * 10 * 10 <= input.address || input.address + 16 * 16 * 16 <= output.address)
    }

    @Test func tinyInputBufferKeepsNothingOnChip() throws {
        let program = try SchedulingFixtures.compile(SchedulingFixtures.tinyNetwork(), SchedulingFixtures.config(input: 2, weight: 64, accumulator: 16, output: 16))
        #expect(try program.layers.allSatisfy { try !$0.output.isOnChip && !$0.inputs[0].isOnChip })
    }
}
