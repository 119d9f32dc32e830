import Accelerator

/// The memory images `--emit-mem` writes for a program: each layer's constants (weights, parameter
/// records, table) as its own DRAM region at its address, and the instruction stream. SRAM needs
/// no initial image: the program fills every buffer with its own loads.
public enum MemoryImages {
    public static func images(of program: AcceleratorProgram) throws -> [MemoryImage] {
        var images: [MemoryImage] = []
        let regions = constantRegions(program)
        for (index, region) in regions.enumerated() {
            images.append(MemoryImage(name: "dram_\(String(format: "%03d", index))_\(sanitized(region.name))", kind: .dram,
                                      baseAddress: region.range.lowerBound, bytes: Array(program.constants[region.range])))
        }
        images.append(MemoryImage(name: "instructions", kind: .instructions, baseAddress: 0,
                                  bytes: try InstructionStream.encode(program.instructions)))
        return images
    }

    /// The constant image cut at each layer's first constant: `(layer name, byte range)` for layers
    /// that own constants, in address order.
    static func constantRegions(_ program: AcceleratorProgram) -> [(name: String, range: Range<Int>)] {
        var starts: [(name: String, address: Int)] = []
        for layer in program.layers {
            let addresses = program.instructions[layer.instructions].compactMap { instruction -> Int? in
                guard case .load(let load) = instruction, load.buffer == .weight else { return nil }
                return load.dramAddress
            }
            if let first = addresses.min(), first < program.constants.count { starts.append((layer.name, first)) }
        }
        starts.sort { $0.address < $1.address }
        return starts.enumerated().map { index, start in
            let end = index + 1 < starts.count ? starts[index + 1].address : program.constants.count
            return (start.name, (index == 0 ? 0 : start.address)..<end)
        }
    }

    private static func sanitized(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." ? $0 : "_" })
    }
}
