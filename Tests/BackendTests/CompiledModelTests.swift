import IR
import Testing
import Accelerator
@testable import Backend
import Quantization
import TestSupport

@Suite struct CompiledModelTests {
    static func model(_ mode: ArithmeticMode, _ config: HardwareConfig) throws -> CompiledModel {
        let graph = SchedulingFixtures.tinyNetwork(mode: mode)
        let program = try SchedulingFixtures.compile(graph, config).program
        let metadata = ModelMetadata(name: "tiny", source: "tiny.onnx", producer: "test", inputName: "x", inputShape: [1, 3, 16, 16],
                                     outputNames: ["y"], preprocessing: Preprocessing(color: .rgb, height: 16, width: 16),
                                     labels: ["a", "b"], calibration: "none")
        return CompiledModel(metadata: metadata, graph: graph, config: config, program: program)
    }

    /// Everything comes back, the weights from the DRAM image (`QGRF` stores none).
    @Test(arguments: [ArithmeticMode.standard, .de1socQ10])
    func roundTripsThroughTheContainer(mode: ArithmeticMode) throws {
        let model = try Self.model(mode, mode == .de1socQ10 ? .shipped("de1soc") : .shipped("vta"))
        let file = try BinFile.decode(try model.encoded(), path: "m.bin")
        #expect(try CompiledModel.decode(file, path: "m.bin") == model)
        let graphSection = try #require(file.payload(.quantizedGraph))
        #expect(graphSection.count < 3000, "QGRF should not carry the 5 KB of FC weights: \(graphSection.count) bytes")
    }

    @Test func missingWeightsAreAClearError() throws {
        var model = try Self.model(.standard, .shipped("vta"))
        model.program.layers[0].weightAddress = model.program.constants.count
        let file = try BinFile.decode(try model.encoded(), path: "m.bin")
        #expect(throws: AcceleratorError.malformedSection(path: "m.bin", section: "QGRF", reason: "the weights of layer 'conv1' are not in the DRAM image")) {
            try CompiledModel.decode(file, path: "m.bin")
        }
    }

    /// A stored shorter side round-trips; one beyond 2^24 is refused on loading.
    @Test func theShorterSideIsStoredAndBounded() throws {
        var model = try Self.model(.standard, .shipped("vta"))
        model.metadata.preprocessing = Preprocessing(resize: .antialiasedCenterCrop, color: .rgb, height: 16, width: 16, shorterSide: 18)
        #expect(try CompiledModel.decode(try BinFile.decode(try model.encoded(), path: "m.bin"), path: "m.bin") == model)
        model.metadata.preprocessing.shorterSide = (1 << 24) + 1
        #expect(throws: AcceleratorError.malformedSection(path: "m.bin", section: "META",
                                                          reason: "preprocessing resizes the shorter side to 16777217")) {
            try CompiledModel.decode(try BinFile.decode(try model.encoded(), path: "m.bin"), path: "m.bin")
        }
    }
}
