import TestSupport
import Foundation
import IR
@testable import Runtime
import Testing
import Accelerator

/// Layer dumps of the conv tile program, read back as `.npy`, as hex parsed here and as the manifest.
@Suite struct LayerDumpWriterTests {
    let config = AcceleratorFixtures.config

    @Test func hexIsTwosComplementAtTheElementWidth() {
        #expect(LayerDumpWriter.hexLines([-1, 0, 127, -128, 5], elementBytes: 1) == "ff\n00\n7f\n80\n05\n")
        #expect(LayerDumpWriter.hexLines([-1, 524_287, -524_288], elementBytes: 4) == "ffffffff\n0007ffff\nfff80000\n")
    }

    @Test func eachLayerIsWrittenAsNPYHexAndManifest() throws {
        let tile = ConvTile(seed: 5)
        var program = tile.program
        program.layers = [
            ProgramLayer(name: "conv/1", op: "conv", firstInstruction: 0, instructionCount: 4, dramOutput: nil,
                         sramOutput: SRAMTensor(buffer: .output, address: 0, planePitch: tile.pixels, rowPitch: tile.width,
                                                dims: tile.outputTensor.dims, elementBytes: 1),
                         macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0, compulsoryBytes: 0, tiling: ""),
            ProgramLayer(name: "copy", op: "store", firstInstruction: 4, instructionCount: 2, dramOutput: tile.outputTensor,
                         sramOutput: nil, macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0, compulsoryBytes: 0, tiling: ""),
        ]
        program.instructions[4] = tile.store(tokens: AcceleratorFixtures.popPrevious).inLayer(1)
        program.instructions[5] = .end(layer: 1)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("layer-dump-\(UUID().uuidString)")
        var writer = try LayerDumpWriter(directory: directory, program: program)
        _ = try AcceleratorModel(program: program, config: config).run(input: tile.input) { layer, values in
            try writer.add(layer, values: values)
        }
        try writer.finish()
        let expected = tile.naiveOutput()

        let manifestData = try Data(contentsOf: directory.appendingPathComponent("manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: manifestData) as? [String: Any])
        let layers = try #require(manifest["layers"] as? [[String: Any]])
        #expect(layers.map { $0["layer"] as? String } == ["conv/1", "copy"])
        #expect(layers.map { $0["npy"] as? String } == ["00_conv_1.npy", "01_copy.npy"])
        #expect(layers.map { $0["hex"] as? String } == ["00_conv_1.hex", "01_copy.hex"])
        #expect(layers.allSatisfy { $0["dtype"] as? String == "int8" && $0["shape"] as? [Int] == tile.outputTensor.dims })

        for name in ["00_conv_1", "01_copy"] {
            let array = try NPYFile.load(directory.appendingPathComponent(name + ".npy"))
            #expect(array.type == TensorType(.int8, Shape(tile.outputTensor.dims)))
            #expect(array.int64s.map { Int32($0) } == expected)
            let hex = try String(contentsOf: directory.appendingPathComponent(name + ".hex"), encoding: .utf8)
            let parsed = hex.split(separator: "\n").map { Int32(Int8(bitPattern: UInt8($0, radix: 16)!)) }
            #expect(parsed == expected)
            #expect(hex.split(separator: "\n").allSatisfy { $0.count == 2 && $0 == $0.lowercased() })
        }
    }

    @Test func wideStorageIsInt32() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("layer-dump-\(UUID().uuidString)")
        let tensor = DRAMTensor(name: "y", address: 0, dims: [1, 3], elementBytes: 4)
        let layer = ProgramLayer(name: "fc", op: "fc", firstInstruction: 0, instructionCount: 0, dramOutput: tensor,
                                 sramOutput: nil, macs: 0, modeledCycles: 0, rooflineCycles: 0, dramBytes: 0,
                                 compulsoryBytes: 0, tiling: "")
        let program = AcceleratorFixtures.program([.end(layer: 0)], constants: [], dramBytes: 16, input: tensor, outputs: [tensor])
        var writer = try LayerDumpWriter(directory: directory, program: program)
        try writer.add(layer, values: [-300_000, 0, 7])
        #expect(writer.entries.map(\.dtype) == ["int32"])
        let array = try NPYFile.load(directory.appendingPathComponent("00_fc.npy"))
        #expect(array.type == TensorType(.int32, Shape([1, 3])))
        #expect(array.int64s == [-300_000, 0, 7])
        let hex = try String(contentsOf: directory.appendingPathComponent("00_fc.hex"), encoding: .utf8)
        #expect(hex == "fffb6c20\n00000000\n00000007\n")
    }
}
