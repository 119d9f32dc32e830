import IR
import Accelerator

/// The text form of the scheduled program IR that `--dump-ir` prints after each backend stage: per
/// layer, its work, where its input and output live (and when a value stays on chip), its tiling,
/// its SRAM slots, its modeled cycles against the roofline bound and its DRAM bytes against the
/// compulsory bytes; after `lower`, its instructions with their dependency tokens.
public enum ScheduledProgramPrinter {
    public static func print(_ program: ScheduledProgram, stage: String) -> String {
        var text = "program \(program.graph.name) on \(program.config.name) (\(program.config.array.macsPerCycle) MACs/cycle, "
            + "\(program.config.clockMHz) MHz), \(program.graph.arithmetic.rawValue), "
            + "element \(program.elementBytes) B, accumulator \(program.accumulatorBytes) B\n"
        if program.dramBytes > 0 {
            text += "  dram: constants \(program.constants.count) B, total \(program.dramBytes) B; input \(describe(program.input))\n"
        }
        let timed = !program.modeledCycles.isEmpty
        let packaged = timed ? program.program.layers : []
        for (index, layer) in program.layers.enumerated() {
            text += "layer \(index) '\(layer.layer.name)' \(layer.layer.op.operatorName) \(workText(layer))\n"
            text += placementText(layer)
            if let tile = layer.tile {
                text += "  tiles: \(TilingDescription.text(tile, geometry: layer.work.geometry)), estimate \(layer.estimatedCycles) cycles\n"
            }
            if let buffers = layer.buffers { text += "  sram: \(buffersText(buffers))\n" }
            if timed, layer.work.geometry != nil {
                let row = packaged[index]
                text += "  modeled \(row.modeledCycles) cycles, roofline \(row.rooflineCycles) (\(ratio(row.modeledCycles, row.rooflineCycles)));"
                    + " dram \(row.dramBytes) B, compulsory \(row.compulsoryBytes) B (\(ratio(row.dramBytes, row.compulsoryBytes)))\n"
            }
            if !program.instructions.isEmpty, !layer.instructions.isEmpty {
                text += "  instructions \(layer.instructions.lowerBound)..<\(layer.instructions.upperBound):\n"
                for position in layer.instructions {
                    text += "    " + Disassembler.line(program.instructions[position], index: position, layerName: layer.layer.name) + "\n"
                }
            }
        }
        if timed { text += "total \(program.totalCycles) modeled cycles, \(program.instructions.count) instructions\n" }
        return text
    }

    private static func workText(_ layer: ScheduledLayer) -> String {
        guard let g = layer.work.geometry else { return "alias of \(layer.layer.inputs[0]) as \(layer.layer.dims)" }
        return "\(g.inputChannels)×\(g.inputHeight)×\(g.inputWidth) → \(g.outputChannels)×\(g.outputHeight)×\(g.outputWidth)"
            + " window \(g.kernelHeight)×\(g.kernelWidth) stride \(g.strideHeight)×\(g.strideWidth)"
            + " pads \(g.padTop),\(g.padLeft),\(g.padBottom),\(g.padRight)"
    }

    private static func placementText(_ layer: ScheduledLayer) -> String {
        var text = ""
        if let onChip = layer.inputOnChip {
            text += "  input: on chip, kept by the previous layer (input buffer @0x\(hex(onChip.address)), padded box)\n"
        } else if let dram = layer.inputDRAM {
            text += "  input: \(describe(dram))\n"
        }
        if let onChip = layer.outputOnChip {
            text += "  output: kept on chip for the next layer (input buffer @0x\(hex(onChip.address)), \(onChip.dims))\n"
        } else if let dram = layer.outputDRAM {
            text += "  output: \(describe(dram))\n"
        }
        return text
    }

    private static func buffersText(_ b: BufferPlan) -> String {
        func slots(_ addresses: [Int], _ bytes: Int) -> String {
            addresses.isEmpty ? "-" : "\(addresses.count)×\(bytes) B @" + addresses.map { "0x" + hex($0) }.joined(separator: ",")
        }
        var parts = ["input \(slots(b.inputSlots, b.inputSlotBytes))", "weight \(slots(b.weightSlots, b.weightSlotBytes))"]
        if !b.parameterSlots.isEmpty { parts.append("params \(slots(b.parameterSlots, b.parameterSlotBytes))") }
        if b.tableBytes > 0 { parts.append("table \(b.tableBytes) B @0x\(hex(b.tableAddress))") }
        if b.accumulatorBytes > 0 { parts.append("acc \(b.accumulatorBytes) B @0x\(hex(b.accumulatorAddress))") }
        parts.append("output \(slots(b.outputSlots, b.outputSlotBytes))")
        return parts.joined(separator: "; ")
    }

    private static func describe(_ tensor: DRAMTensor) -> String {
        "dram @0x\(hex(tensor.address)) \(tensor.dims) (\(tensor.bytes) B)"
    }

    private static func ratio(_ a: Int, _ b: Int) -> String {
        b > 0 ? String(format: "%.2f×", Double(a) / Double(b)) : "-"
    }

    private static func hex(_ value: Int) -> String { String(value, radix: 16) }
}
