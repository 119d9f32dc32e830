import Accelerator
import Foundation
import RTL
import Runtime
import VGGCKit

/// Runs a compiled model on the RTL under Verilator and on the Swift `AcceleratorModel` with the same
/// input, and compares them: the outputs, every layer's DRAM output bytes and every on-chip layer
/// output (`OnChipSnapshot`), and per-layer cycles.
public enum Cosimulation {
    /// Co-simulates the model at `modelURL` on the image at `imageURL`, building the simulator into
    /// (or taking it from) `cache`; reports each step to `progress`. With a `workDirectory`, the
    /// simulator's files (`dram.bin`, `final.bin`, `trace.txt`) are kept there.
    public static func run(modelAt modelURL: URL, imageAt imageURL: URL, cache: URL, workDirectory: URL? = nil,
                           progress: (String) -> Void) throws -> CosimulationReport {
        let session = try Session(modelAt: modelURL)
        let stored = try session.quantize(try session.preprocess(imageAt: imageURL))
        return try run(session.accelerator, input: stored, cache: cache, workDirectory: workDirectory, progress: progress)
    }

    /// Co-simulates `model` on the stored `input`.
    public static func run(_ model: AcceleratorModel, input: [Int32], cache: URL, workDirectory: URL? = nil,
                           progress: (String) -> Void) throws -> CosimulationReport {
        let build = try SimulatorBuild.make(try RTLBundle(config: model.config), cache: cache, progress: progress)
        return try run(model, input: input, build: build, workDirectory: workDirectory, progress: progress)
    }

    /// Co-simulates `model` on the stored `input` with a simulator already built for `model.config`
    /// (many programs on one build).
    public static func run(_ model: AcceleratorModel, input: [Int32], build: SimulatorBuild, workDirectory: URL? = nil,
                           progress: (String) -> Void) throws -> CosimulationReport {
        let program = model.program
        progress("running the Swift model")
        var observed: [(ProgramLayer, [Int32])] = []
        let run = try model.run(input: input) { layer, values in observed.append((layer, values)) }
        let image = try DRAMImage(program: program, input: input)
        let snapshots = program.layers.compactMap { OnChipSnapshot($0, in: program) }
        progress("simulating \(program.instructions.count) instructions on the RTL")
        let simulation = try simulate(image, snapshots: snapshots, build: build, cycleLimit: 20 * run.totalCycles + 100_000,
                                      in: workDirectory)
        let trace = simulation.trace
        var report = CosimulationReport(
            target: model.config.name, identical: true, firstDifference: nil,
            layers: zip(program.layers, zip(run.layerCycles, layerCycles(program, trace))).map {
                .init(name: $0.name, modelCycles: $1.0, rtlCycles: $1.1)
            },
            comparedLayers: [], onChipLayers: [], uncomparedLayers: [], modelCycles: run.totalCycles, rtlCycles: trace.cycles,
            cachedBuild: build.cached, buildSeconds: build.seconds, simulationSeconds: trace.seconds,
            cyclesPerSecond: trace.seconds > 0 ? Double(trace.cycles) / trace.seconds : 0)
        compareLayers(observed, of: program, rtl: simulation.dram, snapshots: snapshots, copies: simulation.snapshots,
                      into: &report)
        for (tensor, values) in zip(program.outputs, run.outputs) where report.identical {
            report.firstDifference = difference(name: "output \(tensor.name)", tensor: tensor, expected: values, rtl: simulation.dram)
            report.identical = report.firstDifference == nil
        }
        return report
    }

    /// Compares each layer's output, as the model observed it when the layer completed, with the
    /// RTL's: a DRAM output with the RTL's final DRAM, for the layers whose output no later layer
    /// overwrites; an on-chip output with the simulator's copy of its SRAM region (`copies`, the
    /// snapshots' bytes back to back).
    private static func compareLayers(_ observed: [(ProgramLayer, [Int32])], of program: AcceleratorProgram, rtl: [UInt8],
                                      snapshots: [OnChipSnapshot], copies: [UInt8], into report: inout CosimulationReport) {
        var offsets: [String: Int] = [:], offset = 0
        for snapshot in snapshots {
            offsets[snapshot.layer] = offset
            offset += snapshot.bytes
        }
        for (layer, values) in observed {
            var difference: String?
            if let snapshot = snapshots.first(where: { $0.layer == layer.name }), let start = offsets[layer.name] {
                report.onChipLayers.append(layer.name)
                difference = snapshot.difference(expected: values, copy: copies[start..<(start + snapshot.bytes)])
            } else if let tensor = layer.dramOutput, !overwritten(tensor, after: layer, in: program.layers) {
                difference = self.difference(name: "layer \(layer.name)", tensor: tensor, expected: values, rtl: rtl)
            } else {
                report.uncomparedLayers.append(layer.name)
                continue
            }
            report.comparedLayers.append(layer.name)
            if report.identical, let difference {
                report.identical = false
                report.firstDifference = difference
            }
        }
    }

    /// Whether a layer after `layer` in the table writes DRAM bytes of `tensor`.
    private static func overwritten(_ tensor: DRAMTensor, after layer: ProgramLayer, in layers: [ProgramLayer]) -> Bool {
        let bytes = tensor.address..<(tensor.address + tensor.bytes)
        let later = layers.drop { $0.name != layer.name }.dropFirst()
        return later.contains { other in
            guard let written = other.dramOutput else { return false }
            return (written.address..<(written.address + written.bytes)).overlaps(bytes)
        }
    }

    /// The first byte where the RTL's DRAM differs from `expected` stored as `tensor`, described.
    private static func difference(name: String, tensor: DRAMTensor, expected: [Int32], rtl: [UInt8]) -> String? {
        for (index, value) in expected.enumerated() {
            for byte in 0..<tensor.elementBytes {
                let address = tensor.address + index * tensor.elementBytes + byte
                let want = UInt8(truncatingIfNeeded: Int64(value) >> (8 * byte))
                let got = address < rtl.count ? rtl[address] : 0
                if want != got {
                    return "\(name) differs at byte \(index * tensor.elementBytes + byte) (element \(index), DRAM 0x"
                        + "\(String(address, radix: 16))): model 0x\(String(want, radix: 16)), RTL 0x\(String(got, radix: 16))"
                }
            }
        }
        return nil
    }

    /// Cycles each layer adds to the latest end of the layers before it on the RTL, as
    /// `AcceleratorModel` counts them on its timeline.
    static func layerCycles(_ program: AcceleratorProgram, _ trace: SimulationTrace) -> [Int] {
        var latest = 0
        return program.layers.map { layer in
            let end = layer.instructions.compactMap { trace.spans[$0]?.upperBound }.max() ?? latest
            defer { latest = max(latest, end) }
            return max(0, end - latest)
        }
    }

    /// What one simulator run leaves: the final DRAM, the trace, and the on-chip snapshots' bytes.
    private struct Simulation {
        var dram: [UInt8]
        var trace: SimulationTrace
        var snapshots: [UInt8]
    }

    /// Runs the simulator on `image`, copying the `snapshots`' SRAM regions, in `directory` (a
    /// temporary one, removed after, when `nil`).
    private static func simulate(_ image: DRAMImage, snapshots: [OnChipSnapshot], build: SimulatorBuild, cycleLimit: Int,
                                 in directory: URL?) throws -> Simulation {
        let folder = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("vggc-cosim-\(UUID().uuidString)")
        defer { if directory == nil { try? FileManager.default.removeItem(at: folder) } }
        let file = { (name: String) in folder.appendingPathComponent(name) }
        let (input, output, tracePath) = (file("dram.bin"), file("final.bin"), file("trace.txt"))
        let (requests, copies) = (file("snapshots.txt"), file("snapshots.bin"))
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(image.bytes).write(to: input)
            try Data(snapshots.map { $0.request + "\n" }.joined().utf8).write(to: requests)
        } catch {
            throw CosimulationError.fileError(path: input.path, reason: error.localizedDescription)
        }
        let arguments = [input.path, String(image.streamAddress), output.path, tracePath.path, String(cycleLimit), requests.path,
                         copies.path]
        let status = try ToolRunner.run(build.executable.path, arguments, acceptedStatuses: [0, 2, 3]).status
        let text: String, dram: Data, snapshotBytes: Data
        do {
            text = try String(contentsOf: tracePath, encoding: .utf8)
            dram = try Data(contentsOf: output)
            snapshotBytes = try Data(contentsOf: copies)
        } catch {
            throw CosimulationError.fileError(path: tracePath.path, reason: error.localizedDescription)
        }
        let trace = try SimulationTrace(text: text, path: tracePath.path)
        if status == 2 { throw CosimulationError.simulationTimedOut(cycles: cycleLimit) }
        if status == 3 { throw CosimulationError.illegalInstruction(index: trace.endIndex) }
        let expected = snapshots.reduce(0) { $0 + $1.bytes }
        guard snapshotBytes.count == expected else {
            throw CosimulationError.fileError(path: copies.path, reason: "\(snapshotBytes.count) bytes of snapshots; \(expected) requested")
        }
        return Simulation(dram: [UInt8](dram), trace: trace, snapshots: [UInt8](snapshotBytes))
    }
}
