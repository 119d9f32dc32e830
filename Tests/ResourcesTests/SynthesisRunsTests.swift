import Accelerator
import Foundation
import Testing
@testable import Resources

/// `ResourceModel.standard` against the Yosys runs it was fitted to and checked on
/// (docs/synthesis-runs.json, `Scripts/fit-resources.py`): the fit runs within rounding, the check
/// runs within the error docs/BENCHMARKS.md states (7.0% at most, on LUTs).
@Suite struct SynthesisRunsTests {
    struct Run: Decodable {
        var name: String
        var role: String
        var po: Int
        var pi: Int
        var pk: Int
        var pp: Int
        var elementBytes: Int
        var inputBufferBytes: Int
        var weightBufferBytes: Int
        var accumulatorBufferBytes: Int
        var lut: Int
        var ff: Int
        var dsp48e1: Int
    }

    static let runs: [Run] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/synthesis-runs.json")
        return (try? JSONDecoder().decode([Run].self, from: Data(contentsOf: url))) ?? []
    }()

    /// The run's array, arithmetic and buffer sizes on zc706's other figures (they do not enter the
    /// logic estimate), with the one 64-bit DRAM port every run was synthesized with.
    static func config(_ run: Run) throws -> HardwareConfig {
        var config = try #require(HardwareConfig.preset(named: "zc706"))
        config.dram = DRAMInterface(bytesPerCycle: 8, latencyCycles: config.dram.latencyCycles, busWidthBits: 64)
        config.array = PEArray(po: run.po, pi: run.pi, pk: run.pk, pp: run.pp)
        config.buffers = [SRAMBuffer(role: .input, bytes: run.inputBufferBytes), SRAMBuffer(role: .weight, bytes: run.weightBufferBytes),
                          SRAMBuffer(role: .accumulator, bytes: run.accumulatorBufferBytes),
                          SRAMBuffer(role: .output, bytes: run.inputBufferBytes)]
        config.features.arithmetic = run.elementBytes == 1 ? .standard : .de1socQ10
        return config
    }

    /// Relative error of `estimate` against `measured`.
    static func error(_ estimate: Int, _ measured: Int) -> Double { abs(Double(estimate - measured)) / Double(measured) }

    @Test func fitAndCheckRunsAreWithinTheirBounds() throws {
        #expect(Self.runs.filter { $0.role == "fit" }.count >= 3 && Self.runs.filter { $0.role == "check" }.count >= 3,
                "docs/synthesis-runs.json: \(Self.runs.map(\.name))")
        let part = try FPGAPart.named("xc7z045")
        for run in Self.runs {
            let estimate = ResourceModel.standard.estimate(try Self.config(run), on: part)
            let bound = run.role == "fit" ? 0.01 : 0.075
            #expect(Self.error(estimate.lut, run.lut) <= bound, "\(run.name) LUT: \(estimate.lut) against \(run.lut)")
            #expect(Self.error(estimate.ff, run.ff) <= bound, "\(run.name) FF: \(estimate.ff) against \(run.ff)")
            #expect(Self.error(estimate.dsp, run.dsp48e1) <= bound, "\(run.name) DSP: \(estimate.dsp) against \(run.dsp48e1)")
        }
    }
}
