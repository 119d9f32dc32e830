import Foundation
import Accelerator
import Quantization
import Testing
import VGGCKit

@Suite struct CompileOptionsTests {
    @Test func arithmeticDefaultsToTheTargets() throws {
        var options = CompileOptions(target: try HardwareConfig.load(target: "de1soc"))
        #expect(options.quantization == QuantizationOptions(arithmetic: .de1socQ10, weightGranularity: .perChannel))
        options.arithmetic = .standard
        options.weightGranularity = .perTensor
        #expect(options.quantization == QuantizationOptions(arithmetic: .standard, weightGranularity: .perTensor))
    }

    @Test func validationNeedsNoModel() throws {
        var options = CompileOptions(target: try HardwareConfig.load(target: "vta"))
        try options.validate()
        options.stopAfter = "tile"
        try options.validate()
        options.stopAfter = "tiling"
        #expect(throws: VGGCKitError.unknownStage("tiling", available: Compiler.stageNames)) { try options.validate() }
        options.stopAfter = nil
        options.calibration = .images(directory: URL(fileURLWithPath: "/nonexistent"), count: 0)
        #expect(throws: VGGCKitError.calibrationCount(0)) { try options.validate() }
        options.calibration = .dataFree
        options.preprocessing.scale = 2
        #expect(throws: VGGCKitError.sampleScale(2)) { try options.validate() }
    }
}
