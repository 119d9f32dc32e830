import Foundation
import IR
import Accelerator
import Runtime

/// What `vggc inspect` reports about a `.bin` file.
struct BinSummary: Encodable {
    struct Section: Encodable {
        var tag: String
        var offset: Int
        var length: Int
        var crc32: String
    }

    struct LayerCount: Encodable {
        var op: String
        var count: Int
    }

    var path: String
    var formatVersion: String
    var fileBytes: Int
    var sections: [Section]
    var metadata: ModelMetadata
    var arithmetic: String
    var layers: Int
    var layerCounts: [LayerCount]
    var weightBytes: Int
    var biasBytes: Int
    /// The program: target, instruction count, DRAM use and the per-layer table.
    var target: String
    var instructions: Int
    var dramBytes: Int
    var constantBytes: Int
    var modeledCycles: Int
    var programLayers: [ProgramLayer]

    init(path: String, file: BinFile, model: CompiledModel) {
        self.path = path
        formatVersion = "\(BinFile.majorVersion).\(file.fileMinorVersion)"
        let (offsets, total) = file.layout
        fileBytes = total
        sections = zip(file.sections, offsets).map { section, offset in
            Section(tag: section.tag, offset: offset, length: section.payload.count,
                    crc32: String(format: "0x%08X", BinFile.checksum(section.payload)))
        }
        metadata = model.metadata
        arithmetic = model.graph.arithmetic.rawValue
        layers = model.graph.layers.count
        var counts: [String: Int] = [:]
        var order: [String] = []
        var weights = 0, biases = 0
        for layer in model.graph.layers {
            let name = layer.op.operatorName
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
            if let conv = layer.op.quantizedConv {
                weights += conv.weight.type.byteCount
                biases += conv.bias.count * 4
            }
        }
        layerCounts = order.map { LayerCount(op: $0, count: counts[$0]!) }
        weightBytes = weights
        biasBytes = biases
        target = model.config.name
        instructions = model.program.instructions.count
        dramBytes = model.program.dramBytes
        constantBytes = model.program.constants.count
        programLayers = model.program.layers
        modeledCycles = programLayers.reduce(0) { $0 + $1.modeledCycles }
    }

    func renderText() -> String {
        let p = metadata.preprocessing
        var lines = ["\(path): vggc .bin format \(formatVersion), \(fileBytes) bytes"]
        lines += sections.map { "  section \($0.tag)  offset \($0.offset)  length \($0.length)  crc32 \($0.crc32)" }
        lines.append("model        \(metadata.name) (from \(metadata.source), \(metadata.producer))")
        lines.append("input        \(metadata.inputName) \(Shape(metadata.inputShape))")
        lines.append("outputs      \(metadata.outputNames.joined(separator: ", "))")
        lines.append("preprocess   resize \(p.resize.rawValue)" + (p.shorterSide.map { " (shorter side \($0))" } ?? "")
                     + " to \(p.height)x\(p.width), \(p.color.rawValue)"
                     + (p.color == .rgb ? " (\(p.channelOrder.rawValue))" : "")
                     + ", scale [0, \(p.scale)], mean \(p.mean), std \(p.std)")
        lines.append("labels       \(metadata.labels.isEmpty ? "none" : "\(metadata.labels.count) classes")")
        lines.append("calibration  \(metadata.calibration)")
        lines.append("arithmetic   \(arithmetic)")
        lines.append("layers       \(layers): " + layerCounts.map { "\($0.op) \($0.count)" }.joined(separator: ", "))
        lines.append("parameters   \(weightBytes) weight bytes, \(biasBytes) bias bytes")
        lines.append("target       \(target): \(instructions) instructions, \(modeledCycles) modeled cycles, "
                     + "DRAM \(dramBytes) bytes (\(constantBytes) of constants)")
        lines.append("")
        let nameWidth = max(5, programLayers.map(\.name.count).max() ?? 0) + 2
        lines.append(TableColumn.pad("layer", nameWidth) + TableColumn.pad("op", 24) + TableColumn.pad("instr", 8, left: true) + TableColumn.pad("cycles", 12, left: true)
                     + TableColumn.pad("roofline", 12, left: true) + TableColumn.pad("DRAM B", 12, left: true) + TableColumn.pad("compulsory", 12, left: true) + "  output")
        for layer in programLayers {
            let output = layer.sramOutput != nil ? "on chip" : layer.dramOutput.map { "dram@0x" + String($0.address, radix: 16) } ?? "-"
            lines.append(TableColumn.pad(layer.name, nameWidth) + TableColumn.pad(layer.op, 24) + TableColumn.pad("\(layer.instructionCount)", 8, left: true)
                         + TableColumn.pad("\(layer.modeledCycles)", 12, left: true) + TableColumn.pad("\(layer.rooflineCycles)", 12, left: true)
                         + TableColumn.pad("\(layer.dramBytes)", 12, left: true) + TableColumn.pad("\(layer.compulsoryBytes)", 12, left: true) + "  " + output)
        }
        return lines.joined(separator: "\n")
    }
}
