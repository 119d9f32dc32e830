import Foundation
import IR
import Accelerator
import Quantization

/// Reads the text `ScheduledProgramPrinter` writes back into the scheduled program it shows, so
/// that tests can state the program before a pass as text.
///
/// The quantized graph must carry every list (print with an unlimited inline element limit). The
/// parser takes each decision from its line — residences, addresses, tiles, slots, instructions,
/// cycles — rebuilds the constant image from the graph, prints the program again and requires the
/// text to be exactly that (so every derived figure in it is consistent), and verifies the program
/// (`ScheduledProgramVerifier`). Errors are `BackendError.parseError` with the 1-based line number,
/// or what `ScheduledProgram.init` (a graph that fails verification, a layer the accelerator cannot
/// run) and the verifier throw.
public enum ScheduledProgramParser {
    public static func parse(_ text: String) throws -> ScheduledProgram {
        let lines = (text.hasSuffix("\n") ? text : text + "\n").split(separator: "\n", omittingEmptySubsequences: false)
        guard let header = lines.firstIndex(where: { $0.hasPrefix("schedule ") }) else {
            throw BackendError.parseError(line: lines.count, detail: "missing the 'schedule on TARGET' line after the quantized graph")
        }
        let graph: QuantizedGraph
        do {
            graph = try QuantizedGraphParser.parse(lines[..<header].joined(separator: "\n"))
        } catch IRError.parseError(let line, let detail) {
            throw BackendError.parseError(line: line, detail: detail)
        }
        var reader = try Reader(graph: graph, lines: lines, header: header)
        let program = try reader.read()
        try expectReprinted(program, lines)
        try ScheduledProgramVerifier.verify(program)
        return program
    }

    /// The text must be exactly what the printer writes for the program read from it.
    private static func expectReprinted(_ program: ScheduledProgram, _ lines: [Substring]) throws {
        let printed = ScheduledProgramPrinter.print(program, inlineElementLimit: .max).split(separator: "\n", omittingEmptySubsequences: false)
        for line in 0..<max(lines.count, printed.count) {
            let read = line < lines.count ? lines[line] : nil, wanted = line < printed.count ? printed[line] : nil
            guard read != wanted else { continue }
            throw BackendError.parseError(line: line + 1, detail: wanted.map { "the program read from the text prints '\($0)' here" }
                                          ?? "unexpected text after the program")
        }
    }

    /// The schedule's lines, read in the order the printer writes them.
    private struct Reader {
        typealias Printer = ScheduledProgramPrinter

        let lines: [Substring]
        /// The next line to read (0-based).
        var position: Int
        var program: ScheduledProgram
        let stages: [BackendStage]
        /// The DRAM line's figures and its 0-based line, until the layers' constants are read.
        var dram: (line: Int, constants: Int, bytes: Int, input: Int, outputs: [Int])?
        var instructions: [Instruction] = []

        init(graph: QuantizedGraph, lines: [Substring], header: Int) throws {
            self.lines = lines
            var target = ""
            try Self.parsing(lines, header) { scanner in
                try scanner.expect("schedule on ")
                target = try scanner.name()
            }
            var stages: [BackendStage] = []
            try Self.parsing(lines, header + 1) { scanner in
                try scanner.expect(Printer.stagesPrefix)
                guard !scanner.skip("none") else { return }
                stages = try scanner.rest.components(separatedBy: ", ").map { name in
                    guard let stage = BackendStage(rawValue: name) else { throw IRAttributeValue.Problem(detail: "unknown stage '\(name)'") }
                    return stage
                }
            }
            self.stages = stages
            position = header + 2
            var config = HardwareConfig.preset(named: target)
            if position < lines.count, lines[position].hasPrefix(Printer.configPrefix) {
                try Self.parsing(lines, position) { scanner in
                    try scanner.expect(Printer.configPrefix)
                    do {
                        config = try JSONDecoder().decode(HardwareConfig.self, from: Data(scanner.rest.utf8))
                    } catch let error as DecodingError {
                        throw IRAttributeValue.Problem(detail: "the config is not a hardware config: \(error)")
                    }
                    guard config?.name == target else { throw IRAttributeValue.Problem(detail: "the config is named '\(config?.name ?? "")', not '\(target)'") }
                }
                position += 1
            }
            guard let config else {
                throw BackendError.parseError(line: header + 1, detail: "unknown target '\(target)'; a target other than a preset needs its config line")
            }
            program = try ScheduledProgram(graph: graph, config: config)
        }

        mutating func read() throws -> ScheduledProgram {
            if nextLine(startsWith: Printer.dramPrefix) { try readDRAM() }
            for index in program.layers.indices { try readLayer(index) }
            if nextLine(startsWith: Printer.streamEndLine) { try readStreamEnd() }
            if nextLine(startsWith: Printer.totalPrefix) {
                try readLine { scanner, reader in
                    try scanner.expect(Printer.totalPrefix)
                    reader.program.totalCycles.decide(try scanner.int())
                }
            }
            if let extra = lines[position...].firstIndex(where: { !$0.isEmpty }) {
                throw BackendError.parseError(line: extra + 1, detail: "unexpected '\(lines[extra])' after the program")
            }
            try decideDRAMLayout()
            program.completedStages = stages
            return program
        }

        private func nextLine(startsWith prefix: String) -> Bool {
            position < lines.count && lines[position].hasPrefix(prefix)
        }

        /// Runs `body` on line `index` (0-based); its problems become parse errors of that line.
        private static func parsing(_ lines: [Substring], _ index: Int, _ body: (inout ScheduledTextScanner) throws -> Void) throws {
            guard index < lines.count else { throw BackendError.parseError(line: index, detail: "unexpected end of the text") }
            var scanner = ScheduledTextScanner(lines[index])
            do {
                try body(&scanner)
            } catch let problem as IRAttributeValue.Problem {
                throw BackendError.parseError(line: index + 1, detail: problem.detail)
            }
        }

        /// Runs `body` on the next line, with the reader to record what it reads, and moves past it.
        private mutating func readLine(_ body: (inout ScheduledTextScanner, inout Reader) throws -> Void) throws {
            try Self.parsing(lines, position) { scanner in try body(&scanner, &self) }
            position += 1
        }

        /// `dram: constants N B, total M B; input %x @0xA (…); output %y @0xA (…)…`.
        private mutating func readDRAM() throws {
            let line = position
            try readLine { scanner, reader in
                try scanner.expect(Printer.dramPrefix + "constants ")
                let constants = try scanner.int()
                try scanner.expect(" B, total ")
                let bytes = try scanner.int()
                let addresses = try scanner.rest.components(separatedBy: "; ").dropFirst().map { part in
                    var segment = ScheduledTextScanner(part[...])
                    _ = try segment.upTo(" @0x")
                    try segment.expect(" @")
                    return try segment.hex()
                }
                guard addresses.count == 1 + reader.program.graph.outputs.count else {
                    throw IRAttributeValue.Problem(detail: "expected the input and \(reader.program.graph.outputs.count) outputs, found \(addresses.count) addresses")
                }
                reader.dram = (line, constants, bytes, addresses[0], Array(addresses.dropFirst()))
            }
        }

        private mutating func readLayer(_ index: Int) throws {
            let layer = program.layers[index]
            try readLine { scanner, _ in try scanner.expect(Printer.layerLine(index, layer)) }
            for position in layer.inputs.indices { try readOperand(index, input: position) }
            try readOperand(index, input: nil)
            if nextLine(startsWith: Printer.tilingPrefix) { try readLine { try $1.readTiling(&$0, index) } }
            if nextLine(startsWith: Printer.constantsPrefix) { try readLine { try $1.readConstants(&$0, index) } }
            if nextLine(startsWith: Printer.buffersPrefix) { try readLine { try $1.readBuffers(&$0, index) } }
            if nextLine(startsWith: Printer.timingPrefix) {
                try readLine { scanner, reader in
                    try scanner.expect(Printer.timingPrefix)
                    reader.program.layers[index].modeledCycles.decide(try scanner.int())
                }
            }
            if nextLine(startsWith: Printer.instructionsPrefix) { try readInstructions(index) }
        }

        /// `  in %x [1,3,16,16]: dram @0xA (…)`, `  out %y [1,16,16,16]: kept on chip for its
        /// readers, input buffer @0xA (plane pitch P, row pitch R)`, or as much of it as is decided.
        private mutating func readOperand(_ index: Int, input position: Int?) throws {
            var operand = position.map { program.layers[index].inputs[$0] } ?? program.layers[index].output
            let elementBytes = program.elementBytes
            try readLine { scanner, _ in
                try scanner.expect(Printer.operandPrefix(operand, input: position))
                if scanner.skip(Printer.dramResidence) {
                    operand.residence.decide(.dram)
                    guard scanner.skip(" @") else { return }
                    operand.dramTensor.decide(DRAMTensor(name: operand.value, address: try scanner.hex(), dims: operand.dims,
                                                         elementBytes: elementBytes))
                } else if scanner.skip(position == nil ? Printer.onChipOutput : Printer.onChipInput) {
                    operand.residence.decide(.onChip)
                    guard scanner.skip(", ") else { return }
                    let role = String(try scanner.upTo(" buffer @"))
                    guard let buffer = SRAMBuffer.Role(rawValue: role) else { throw IRAttributeValue.Problem(detail: "unknown buffer '\(role)'") }
                    try scanner.expect(" buffer @")
                    let address = try scanner.hex()
                    try scanner.expect(" (plane pitch ")
                    let planePitch = try scanner.int()
                    try scanner.expect(", row pitch ")
                    operand.sramTensor.decide(SRAMTensor(buffer: buffer, address: address, planePitch: planePitch, rowPitch: try scanner.int(),
                                                         dims: operand.dims, elementBytes: elementBytes))
                }
            }
            if let position { program.layers[index].inputs[position] = operand } else { program.layers[index].output = operand }
        }

        /// `  tiles: M out-ch × C in-ch × R rows × W cols, ORDER (…), estimate N cycles`.
        private mutating func readTiling(_ scanner: inout ScheduledTextScanner, _ index: Int) throws {
            try scanner.expect(Printer.tilingPrefix)
            var sizes: [Int] = []
            for unit in [" out-ch × ", " in-ch × ", " rows × ", " cols, "] {
                sizes.append(try scanner.int())
                try scanner.expect(unit)
            }
            let orderName = scanner.rest.prefix { $0 != " " && $0 != "," }
            guard let order = TileShape.Order(rawValue: String(orderName)) else {
                throw IRAttributeValue.Problem(detail: "unknown loop order '\(orderName)'")
            }
            _ = try scanner.upTo(", estimate ")
            try scanner.expect(", estimate ")
            let shape = TileShape(outputChannels: sizes[0], inputChannels: sizes[1], rows: sizes[2], columns: sizes[3], order: order)
            program.layers[index].tiling.decide(TileChoice(shape: shape, estimatedCycles: try scanner.int()))
        }

        /// `  constants: weights @0xA (…), parameter records @0xA (…)` or `  constants: table @0xA (…)`.
        private mutating func readConstants(_ scanner: inout ScheduledTextScanner, _ index: Int) throws {
            try scanner.expect(Printer.constantsPrefix)
            if scanner.skip("table @") {
                program.layers[index].constants.decide(.table(address: try scanner.hex()))
                return
            }
            try scanner.expect("weights @")
            let weights = try scanner.hex()
            _ = try scanner.upTo("parameter records @")
            try scanner.expect("parameter records @")
            program.layers[index].constants.decide(.weights(weightAddress: weights, parameterAddress: try scanner.hex()))
        }

        /// `  sram: input 2×432 B @0x0,0x1b0; weight …; params …; table N B @0xA; acc N B @0xA; output -`.
        private mutating func readBuffers(_ scanner: inout ScheduledTextScanner, _ index: Int) throws {
            try scanner.expect(Printer.buffersPrefix)
            var plan = BufferPlan()
            for part in scanner.rest.components(separatedBy: "; ") {
                var segment = ScheduledTextScanner(part[...])
                if segment.skip("input ") {
                    (plan.inputSlots, plan.inputSlotBytes) = try Self.slots(&segment)
                } else if segment.skip("weight ") {
                    (plan.weightSlots, plan.weightSlotBytes) = try Self.slots(&segment)
                } else if segment.skip("params ") {
                    (plan.parameterSlots, plan.parameterSlotBytes) = try Self.slots(&segment)
                } else if segment.skip("output ") {
                    (plan.outputSlots, plan.outputSlotBytes) = try Self.slots(&segment)
                } else if segment.skip("table ") {
                    (plan.tableBytes, plan.tableAddress) = try Self.region(&segment)
                } else {
                    try segment.expect("acc ")
                    (plan.accumulatorBytes, plan.accumulatorAddress) = try Self.region(&segment)
                }
                try segment.expectEnd()
            }
            program.layers[index].buffers.decide(plan)
        }

        /// `-`, or `N×B B @0xA,0xB`: the slot addresses and the bytes of each.
        private static func slots(_ scanner: inout ScheduledTextScanner) throws -> ([Int], Int) {
            if scanner.skip("-") { return ([], 0) }
            let count = try scanner.int()
            try scanner.expect("×")
            let bytes = try scanner.int()
            try scanner.expect(" B @")
            var addresses = [try scanner.hex()]
            while scanner.skip(",") { addresses.append(try scanner.hex()) }
            guard addresses.count == count else { throw IRAttributeValue.Problem(detail: "\(count) slots with \(addresses.count) addresses") }
            return (addresses, bytes)
        }

        /// `N B @0xA`: the bytes and the address.
        private static func region(_ scanner: inout ScheduledTextScanner) throws -> (Int, Int) {
            let bytes = try scanner.int()
            try scanner.expect(" B @")
            return (bytes, try scanner.hex())
        }

        /// `  instructions A..<B:` and the lines of instructions A to B − 1.
        private mutating func readInstructions(_ index: Int) throws {
            var range = 0..<0
            try readLine { scanner, _ in
                try scanner.expect(Printer.instructionsPrefix)
                let lower = try scanner.int()
                try scanner.expect("..<")
                let upper = try scanner.int()
                guard lower <= upper else { throw IRAttributeValue.Problem(detail: "instructions \(lower)..<\(upper) run backwards") }
                range = lower..<upper
            }
            program.layers[index].instructions.decide(range)
            for _ in range { try readInstruction(layer: index) }
        }

        /// `stream end:` and the `END` line.
        private mutating func readStreamEnd() throws {
            try readLine { scanner, _ in try scanner.expect(Printer.streamEndLine) }
            try readInstruction(layer: max(0, program.layers.count - 1))
            program.instructions.decide(instructions)
        }

        /// One instruction line; instructions come in stream order.
        private mutating func readInstruction(layer: Int) throws {
            try readLine { scanner, reader in
                try scanner.expect(Printer.instructionIndent)
                let (index, instruction) = try InstructionLineParser.parse(scanner.rest, layer: layer)
                guard index == reader.instructions.count else {
                    throw IRAttributeValue.Problem(detail: "instruction \(index) where instruction \(reader.instructions.count) comes next")
                }
                reader.instructions.append(instruction)
            }
        }

        /// The DRAM layout of the `dram:` line, with the constant image rebuilt from the graph; the
        /// layers' constants must be where that image puts them.
        private mutating func decideDRAMLayout() throws {
            guard let dram else { return }
            var image: [UInt8] = []
            for layer in program.layers {
                let placement = try DRAMLayoutPass.appendConstants(of: layer, to: &image)
                guard placement == layer.constants.ifDecided else {
                    throw BackendError.parseError(line: dram.line + 1, detail: "layer '\(layer.layer.name)' has its constants where the constant layout does not put them")
                }
            }
            guard image.count == dram.constants else {
                throw BackendError.parseError(line: dram.line + 1, detail: "the constants take \(image.count) bytes, not \(dram.constants)")
            }
            let graph = program.graph, elementBytes = program.elementBytes
            let input = DRAMTensor(name: graph.input.name, address: dram.input, dims: graph.input.dims, elementBytes: elementBytes)
            let outputs = zip(graph.outputs, dram.outputs).map { output, address in
                DRAMTensor(name: output.name, address: address, dims: output.dims, elementBytes: elementBytes)
            }
            program.dram.decide(DRAMLayout(constants: image, bytes: dram.bytes, input: input, outputs: outputs))
        }
    }
}
