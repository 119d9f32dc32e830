import Backend
import IR
import Runtime
import Testing
import Accelerator
import Quantization
import TestSupport

/// Squeeze-and-excitation products (`Multiply` of a feature map by a per-channel gate) lowered to
/// depthwise `GEMM`s whose weights are the gate, loaded at run time, bit-exact against
/// `IntegerInterpreter` layer by layer on every preset with int8 storage.
@Suite struct ProductLoweringTests {
    @Test(arguments: HardwareConfig.presets.map(\.name))
    func squeezeExciteGraphIsBitExact(preset: String) throws {
        let config = HardwareConfig.shipped(preset)
        guard config.arithmetic.storageType == .int8 else {
            #expect(throws: BackendError.self) { try ScheduledProgram(graph: GateGraphs.squeezeExcite(mode: config.arithmetic), config: config) }
            return
        }
        let (scheduled, input, reference) = try LoweringCheck.bitExact(GateGraphs.squeezeExcite(mode: config.arithmetic), on: config, seed: 15)
        if config.arithmetic.usesZeroPoints { #expect(Set(reference["m2"] ?? []).count > 8, "the product is not degenerate") }
        let program = try scheduled.program
        let run = try AcceleratorModel(program: program, config: config).run(input: input)
        let statistics = LayerStatistics(program: program, config: config, run: run)
        #expect(statistics.rows.filter { $0.op == "Multiply (depthwise)" }.map(\.name) == ["m1", "m2"], "--stats calls them out")
        // The array's MACs: per output, (1 + pad rows) taps in each of (1 + constant passes) GEMMs:
        // m1 (x and gate at −128) 3 × 3, m2 2 × 2; without zero points 1 × 1.
        let taps = config.arithmetic.usesZeroPoints ? [9, 4] : [1, 1]
        #expect(statistics.rows.filter { $0.op == "Multiply (depthwise)" }.map(\.macs) == taps.map { 12 * 36 * $0 })
    }

    /// The gate's values are loaded as weights straight from the gate's DRAM tensor, each repeated
    /// for the kernel's rows by a row stride of 0.
    @Test func theGateIsLoadedAsWeights() throws {
        let config = HardwareConfig.shipped("vta")
        let scheduled = try BackendPipeline.standard.run(try ScheduledProgram(graph: GateGraphs.squeezeExcite(mode: .standard), config: config),
                                                          verify: true)
        let m1 = try #require(scheduled.layers.first { $0.layer.name == "m1" })
        let gate = try m1.inputs[1].dramTensor.value
        let loads = try scheduled.program.instructions[m1.instructions.value].compactMap { instruction -> LoadInstruction? in
            if case .load(let load) = instruction, load.buffer == .weight, load.dramAddress == gate.address { return load }
            return nil
        }
        #expect(!loads.isEmpty)
        #expect(loads.allSatisfy { $0.dramRowStride == 0 && $0.rows == 3 && $0.columns == 1 }, "a = −128: three taps")
    }
}
