import Foundation
import IR
import Accelerator
import Quantization

/// The text form of the scheduled program IR, which `vggc compile --dump-ir=STAGE` prints after each
/// backend stage and `ScheduledProgramParser` reads back: the quantized graph
/// (`QuantizedGraphPrinter`), then the schedule — the target, the completed stages, the DRAM layout,
/// and per layer its work, where each operand lives, its tiling, constants, SRAM slots, modeled
/// cycles against the roofline bound and DRAM bytes against the compulsory bytes, and its
/// instructions; the stream's `END` and total last. Only what has been decided is shown.
///
/// ```
/// schedule on vta (256 MACs/cycle, 100.0 MHz), element 1 B, accumulator 4 B
/// stages: residency, tile
/// layer 0 'conv1' Conv 3×16×16 → 16×16×16 window 3×3 stride 1×1 pads 1,1,1,1
///   in %x [1,3,16,16]: dram
///   out %conv1 [1,16,16,16]: kept on chip for its readers
///   tiles: 16 out-ch × 3 in-ch × 16 rows × 6 cols, pixels-outer (1×1×1×3 tiles), estimate 2911 cycles
/// ```
public enum ScheduledProgramPrinter {
    /// The text of `program`; the quantized graph's lists longer than `inlineElementLimit` are
    /// elided (which the parser refuses).
    public static func print(_ program: ScheduledProgram,
                             inlineElementLimit: Int = QuantizedGraphPrinter.defaultInlineElementLimit) -> String {
        var lines = [String(QuantizedGraphPrinter.print(program.graph, inlineElementLimit: inlineElementLimit).dropLast())]
        lines += [headerLine(program), stagesLine(program)]
        if let config = configLine(program.config) { lines.append(config) }
        if let layout = program.dram.ifDecided { lines.append(dramLine(layout)) }
        let instructions = program.instructions.ifDecided
        for (index, layer) in program.layers.enumerated() {
            lines.append(layerLine(index, layer))
            for (position, operand) in layer.inputs.enumerated() { lines.append(operandLine(operand, input: position, layer)) }
            lines.append(operandLine(layer.output, input: nil, layer))
            if let tiling = layer.tiling.ifDecided { lines.append(tilingLine(tiling, layer)) }
            if let constants = layer.constants.ifDecided { lines.append(constantsLine(constants, layer)) }
            if let plan = layer.buffers.ifDecided { lines.append(buffersLine(plan)) }
            if let cycles = layer.modeledCycles.ifDecided { lines.append(timingLine(cycles, layer, program)) }
            if let range = layer.instructions.ifDecided, let instructions {
                lines.append(instructionsLine(range))
                lines += range.map { instructionLine(instructions[$0], at: $0, program) }
            }
        }
        if let instructions, let end = instructions.indices.last {
            lines += [streamEndLine, instructionLine(instructions[end], at: end, program)]
        }
        if let total = program.totalCycles.ifDecided { lines.append(totalLine(total, instructions: instructions?.count ?? 0)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The first line of the schedule, after the quantized graph.
    static func headerLine(_ program: ScheduledProgram) -> String {
        let config = program.config
        return "schedule on \(IRPrinter.quoted(config.name)) (\(config.array.macsPerCycle) MACs/cycle, \(config.clockMHz) MHz), "
            + "element \(program.elementBytes) B, accumulator \(program.accumulatorBytes) B"
    }

    static let stagesPrefix = "stages: "

    static func stagesLine(_ program: ScheduledProgram) -> String {
        stagesPrefix + (program.completedStages.isEmpty ? "none" : program.completedStages.map(\.rawValue).joined(separator: ", "))
    }

    static let configPrefix = "config "

    /// The whole config as JSON, unless it is the preset of its name.
    static func configLine(_ config: HardwareConfig) -> String? {
        guard HardwareConfig.preset(named: config.name) != config else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(config)).flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
        return configPrefix + json
    }

    static let dramPrefix = "dram: "

    static func dramLine(_ layout: DRAMLayout) -> String {
        var parts = ["\(dramPrefix)constants \(layout.constants.count) B, total \(layout.bytes) B",
                     "input \(IRPrinter.reference(layout.input.name)) \(dramText(layout.input))"]
        parts += layout.outputs.map { "output \(IRPrinter.reference($0.name)) \(dramText($0))" }
        return parts.joined(separator: "; ")
    }

    static func layerLine(_ index: Int, _ layer: ScheduledLayer) -> String {
        "layer \(index) '\(layer.layer.name)' \(layer.layer.op.operatorName) \(workText(layer))"
    }

    /// `  in %x [1,3,16,16]` (input `position`) or `  out %y [1,16,16,16]` (`input` nil).
    static func operandPrefix(_ operand: LayerOperand, input position: Int?) -> String {
        "  \(position == nil ? "out" : "in") \(IRPrinter.reference(operand.value)) \(Shape(operand.dims))"
    }

    static let dramResidence = ": dram"
    static let onChipInput = ": on chip, kept by its producer"
    static let onChipOutput = ": kept on chip for its readers"

    static func operandLine(_ operand: LayerOperand, input position: Int?, _ layer: ScheduledLayer) -> String {
        var line = operandPrefix(operand, input: position)
        switch operand.residence.ifDecided {
        case .dram?:
            line += dramResidence
            if let tensor = operand.dramTensor.ifDecided { line += " " + dramText(tensor) }
        case .onChip?:
            line += position == nil ? onChipOutput : onChipInput
            if let tensor = operand.sramTensor.ifDecided {
                line += ", \(tensor.buffer.rawValue) buffer @0x\(hex(tensor.address)) (plane pitch \(tensor.planePitch), row pitch \(tensor.rowPitch))"
            }
        case nil:
            break
        }
        return line
    }

    static let tilingPrefix = "  tiles: "

    static func tilingLine(_ tiling: TileChoice, _ layer: ScheduledLayer) -> String {
        "\(tilingPrefix)\(TilingDescription.text(tiling.shape, geometry: layer.work.geometry)), estimate \(tiling.estimatedCycles) cycles"
    }

    static let constantsPrefix = "  constants: "

    static func constantsLine(_ constants: ConstantPlacement, _ layer: ScheduledLayer) -> String {
        switch constants {
        case .weights(let weights, let parameters):
            let records = (layer.work.geometry?.outputChannels ?? 0) * PostInstruction.parameterRecordBytes
            return "\(constantsPrefix)weights @0x\(hex(weights)) (\(layer.constantBytes - records) B), "
                + "parameter records @0x\(hex(parameters)) (\(records) B)"
        case .table(let address):
            return "\(constantsPrefix)table @0x\(hex(address)) (\(layer.constantBytes) B)"
        }
    }

    static let buffersPrefix = "  sram: "

    static func buffersLine(_ b: BufferPlan) -> String {
        var parts = ["input \(slotsText(b.inputSlots, b.inputSlotBytes))", "weight \(slotsText(b.weightSlots, b.weightSlotBytes))"]
        if !b.parameterSlots.isEmpty { parts.append("params \(slotsText(b.parameterSlots, b.parameterSlotBytes))") }
        if b.tableBytes > 0 { parts.append("table \(b.tableBytes) B @0x\(hex(b.tableAddress))") }
        if b.accumulatorBytes > 0 { parts.append("acc \(b.accumulatorBytes) B @0x\(hex(b.accumulatorAddress))") }
        parts.append("output \(slotsText(b.outputSlots, b.outputSlotBytes))")
        return buffersPrefix + parts.joined(separator: "; ")
    }

    /// `2×432 B @0x0,0x1b0`, or `-` for no slot.
    static func slotsText(_ addresses: [Int], _ bytes: Int) -> String {
        addresses.isEmpty ? "-" : "\(addresses.count)×\(bytes) B @" + addresses.map { "0x" + hex($0) }.joined(separator: ",")
    }

    static let timingPrefix = "  modeled "

    /// The layer's modeled cycles; with its row of the per-layer table once the program is complete.
    static func timingLine(_ cycles: Int, _ layer: ScheduledLayer, _ program: ScheduledProgram) -> String {
        guard let instructions = program.instructions.ifDecided, let row = try? program.programLayer(layer, instructions: instructions) else {
            return "\(timingPrefix)\(cycles) cycles"
        }
        return "\(timingPrefix)\(cycles) cycles, roofline \(row.rooflineCycles) (\(ratio(cycles, row.rooflineCycles)));"
            + " dram \(row.dramBytes) B, compulsory \(row.compulsoryBytes) B (\(ratio(row.dramBytes, row.compulsoryBytes)))"
    }

    static let instructionsPrefix = "  instructions "

    /// `  instructions 0..<12:` before the layer's instruction lines; no colon when it has none.
    static func instructionsLine(_ range: Range<Int>) -> String {
        "\(instructionsPrefix)\(range.lowerBound)..<\(range.upperBound)\(range.isEmpty ? "" : ":")"
    }

    static let instructionIndent = "    "

    static func instructionLine(_ instruction: Instruction, at position: Int, _ program: ScheduledProgram) -> String {
        instructionIndent + Disassembler.line(instruction, index: position, layerName: instruction.layerName(in: program.layerNames))
    }

    static let streamEndLine = "stream end:"

    static let totalPrefix = "total "

    static func totalLine(_ total: Int, instructions: Int) -> String {
        "\(totalPrefix)\(total) modeled cycles, \(instructions) instructions"
    }

    /// How a grouped convolution or a gated product maps onto `GEMM`s; empty for the others.
    private static func gemmNote(_ layer: ScheduledLayer) -> String {
        guard case .gemm(let gemm) = layer.work else { return "" }
        if let gate = gemm.gate {
            return " gated by \(layer.layer.inputs[1]) (depthwise, \(gate.padRows) pad-row blocks, \(gate.staticPasses) constant passes)"
        }
        return gemm.groups > 1 ? " in \(gemm.groups) groups" : ""
    }

    private static func workText(_ layer: ScheduledLayer) -> String {
        guard let g = layer.work.geometry else {
            if case .concat = layer.work { return "in place: every input writes its channel slice of \(layer.layer.dims)" }
            if case .alias(let channelOffset) = layer.work, channelOffset > 0 {
                return "alias of \(layer.layer.inputs[0]) from channel \(channelOffset) as \(layer.layer.dims)"
            }
            return "alias of \(layer.layer.inputs[0]) as \(layer.layer.dims)"
        }
        if case .concat(let concat) = layer.work {
            return "copies " + concat.copies.map { "\(layer.layer.inputs[$0.operand]) → channels \($0.channelOffset)..<\($0.channelOffset + $0.channels)" }
                .joined(separator: ", ") + " of \(g.outputHeight)×\(g.outputWidth)"
        }
        if let fold = layer.work.kernelFold {
            return geometryText(fold.window) + "; kernel folded into \(g.inputChannels) input planes of \(g.inputHeight)×\(g.inputWidth)"
        }
        return geometryText(g) + gemmNote(layer)
    }

    private static func geometryText(_ g: PlaneGeometry) -> String {
        "\(g.inputChannels)×\(g.inputHeight)×\(g.inputWidth) → \(g.outputChannels)×\(g.outputHeight)×\(g.outputWidth)"
            + " window \(g.kernelHeight)×\(g.kernelWidth) stride \(g.strideHeight)×\(g.strideWidth)"
            + " pads \(g.padTop),\(g.padLeft),\(g.padBottom),\(g.padRight)"
    }

    /// `@0x1840 (768 B)`.
    private static func dramText(_ tensor: DRAMTensor) -> String {
        "@0x\(hex(tensor.address)) (\(tensor.bytes) B)"
    }

    private static func ratio(_ a: Int, _ b: Int) -> String {
        b > 0 ? String(format: "%.2f×", Double(a) / Double(b)) : "-"
    }

    private static func hex(_ value: Int) -> String { String(value, radix: 16) }
}
