import IR
import Accelerator
import Quantization

/// Lays DRAM out: first the constants, in layer order, each 64-byte aligned and laid out as the
/// loads read them (weights `[M][C][kh][kw]`, one 12-byte parameter record per output channel,
/// tables), then the input and every value that goes to DRAM. A reshape shares its input's bytes.
struct DRAMLayoutPass: BackendPass {
    var name: String { "place-dram" }

    /// Regions start on multiples of this many bytes (a DRAM burst).
    static let alignment = 64

    func run(_ program: inout ScheduledProgram) throws {
        var image: [UInt8] = []
        for index in program.layers.indices {
            try appendConstants(of: &program.layers[index], mode: program.graph.arithmetic, to: &image)
        }
        var next = aligned(image.count)
        var tensors: [String: DRAMTensor] = [:]
        func allocate(_ name: String, _ dims: [Int]) -> DRAMTensor {
            let tensor = DRAMTensor(name: name, address: next, dims: dims, elementBytes: program.elementBytes)
            next = aligned(next + tensor.bytes)
            return tensor
        }
        program.input = allocate(program.graph.input.name, program.graph.input.dims)
        tensors[program.input.name] = program.input
        for index in program.layers.indices {
            var layer = program.layers[index]
            layer.inputDRAM = layer.inputOnChip == nil ? tensors[layer.layer.inputs[0]] : nil
            if case .alias = layer.work, let source = layer.inputDRAM {
                layer.outputDRAM = DRAMTensor(name: layer.layer.output, address: source.address, dims: layer.layer.dims,
                                              elementBytes: program.elementBytes)
            } else if layer.outputOnChip == nil {
                layer.outputDRAM = allocate(layer.layer.output, layer.layer.dims)
            }
            if let output = layer.outputDRAM { tensors[layer.layer.output] = output }
            program.layers[index] = layer
        }
        program.outputs = try program.graph.outputs.map { output in
            guard let tensor = tensors[output.value] else {
                throw BackendError.unsupportedLayer(layer: output.value, op: "output", reason: "the graph output is not in DRAM")
            }
            return DRAMTensor(name: output.name, address: tensor.address, dims: tensor.dims, elementBytes: tensor.elementBytes)
        }
        program.constants = image
        program.dramBytes = next
    }

    private func appendConstants(of layer: inout ScheduledLayer, mode: ArithmeticMode, to image: inout [UInt8]) throws {
        switch layer.work {
        case .gemm(let gemm):
            pad(&image)
            layer.weightAddress = image.count
            switch gemm.conv.weight.data {
            case .int8(let values): image.append(contentsOf: values.lazy.map { UInt8(bitPattern: $0) })
            case .int32(let values): for value in values { image.append(contentsOf: value.littleEndianBytes) }
            default:
                throw BackendError.unsupportedLayer(layer: layer.layer.name, op: layer.layer.op.operatorName,
                                                    reason: "weights of type \(gemm.conv.weight.data.elementType)")
            }
            pad(&image)
            layer.parameterAddress = image.count
            for record in ParameterRecords.records(gemm.conv) { image.append(contentsOf: record.flatMap(\.littleEndianBytes)) }
        case .elementwise(let elementwise) where !elementwise.table.isEmpty:
            pad(&image)
            layer.tableAddress = image.count
            image.append(contentsOf: elementwise.table)
        case .elementwise, .pool, .alias:
            break
        }
    }

    private func pad(_ image: inout [UInt8]) {
        image.append(contentsOf: repeatElement(0, count: aligned(image.count) - image.count))
    }

    private func aligned(_ address: Int) -> Int {
        (address + Self.alignment - 1) / Self.alignment * Self.alignment
    }
}
