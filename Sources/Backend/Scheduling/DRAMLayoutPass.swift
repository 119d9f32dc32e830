import IR
import Accelerator
import Quantization

/// Lays DRAM out: first the constants, in layer order, each 64-byte aligned and laid out as the
/// loads read them (weights `[M][C][kh][kw]`, one 12-byte parameter record per output channel,
/// tables), then the input and every value that goes to DRAM. A reshape shares its input's bytes,
/// a channel slice the bytes of its channels; a Concat's output is laid out when its first input written by address is, and that input and
/// the others written by address are its channel slices (`ChannelSlices`).
struct DRAMLayoutPass: BackendPass {
    /// The constants' image when a sweep built it once for the graph; `nil` lays it out here.
    var constants: ConstantImage?

    var stage: BackendStage { .placeDRAM }

    /// Regions start on multiples of this many bytes (a DRAM burst).
    static let alignment = 64

    func run(_ program: inout ScheduledProgram) throws {
        let constants = try self.constants ?? ConstantImage(program: program)
        guard constants.placements.count == program.layers.count else {
            throw BackendError.invalidSchedule(layer: program.layers.first?.layer.name ?? "", stage: stage.rawValue,
                                               detail: "a constants image of \(constants.placements.count) layers for \(program.layers.count)")
        }
        for (index, placement) in constants.placements.enumerated() {
            if let placement { program.layers[index].constants.decide(placement) }
        }
        let image = constants.bytes
        var next = Self.aligned(image.count)
        var tensors: [String: DRAMTensor] = [:]
        func allocate(_ name: String, _ dims: [Int]) -> DRAMTensor {
            let tensor = DRAMTensor(name: name, address: next, dims: dims, elementBytes: program.elementBytes)
            next = Self.aligned(next + tensor.bytes)
            return tensor
        }
        let input = allocate(program.graph.input.name, program.graph.input.dims)
        tensors[input.name] = input
        for index in program.layers.indices {
            var layer = program.layers[index]
            for position in layer.inputs.indices {
                guard try !layer.inputs[position].isOnChip else { continue }
                guard let tensor = tensors[layer.inputs[position].value] else {
                    throw BackendError.invalidSchedule(layer: layer.layer.name, stage: stage.rawValue,
                                                       detail: "reads '\(layer.inputs[position].value)' from DRAM, where nothing wrote it")
                }
                layer.inputs[position].dramTensor.decide(tensor)
            }
            if try !layer.output.isOnChip {
                let tensor: DRAMTensor
                if case .alias(let channelOffset) = layer.work {
                    let source = try layer.inputs[0].dramTensor.value
                    tensor = DRAMTensor(name: layer.output.value, address: source.address + channelOffset * Self.planeBytes(source),
                                        dims: layer.output.dims, elementBytes: program.elementBytes)
                } else if let slice = program.slices.slice(of: layer.output.value) {
                    let concat = try concatOutput(slice, program) { tensors[$0] ?? allocate($0, $1) }
                    tensors[concat.name] = concat
                    tensor = DRAMTensor(name: layer.output.value, address: concat.address + program.firstPlane(of: slice) * Self.planeBytes(concat),
                                        dims: layer.output.dims, elementBytes: program.elementBytes)
                } else {
                    tensor = tensors[layer.output.value] ?? allocate(layer.output.value, layer.output.dims)
                }
                layer.output.dramTensor.decide(tensor)
                tensors[layer.output.value] = tensor
            }
            program.layers[index] = layer
        }
        let outputs = try program.graph.outputs.map { output in
            guard let tensor = tensors[output.value] else {
                throw BackendError.unsupportedLayer(layer: output.value, op: "output", reason: "the graph output is not in DRAM")
            }
            return DRAMTensor(name: output.name, address: tensor.address, dims: tensor.dims, elementBytes: tensor.elementBytes)
        }
        program.dram.decide(DRAMLayout(constants: image, bytes: next, input: input, outputs: outputs))
    }

    /// The output tensor of the Concat `slice` lies in: the one `place` gives the value's name and
    /// shape.
    private func concatOutput(_ slice: ChannelSlices.Slice, _ program: ScheduledProgram,
                              _ place: (String, [Int]) -> DRAMTensor) throws -> DRAMTensor {
        guard let concat = program.layers.first(where: { $0.layer.output == slice.concat }) else {
            throw BackendError.invalidSchedule(layer: slice.concat, stage: stage.rawValue, detail: "a channel slice of a Concat that no layer writes")
        }
        return place(concat.output.value, concat.output.dims)
    }

    /// Bytes of one channel plane of `tensor` (`[1, C, …]`).
    static func planeBytes(_ tensor: DRAMTensor) -> Int {
        tensor.dims.dropFirst(2).reduce(1, *) * tensor.elementBytes
    }

    /// Appends `layer`'s constants to the image, each block aligned, and says where they went;
    /// `nil` for a layer without constants. The parser rebuilds the image with it.
    static func appendConstants(of layer: ScheduledLayer, to image: inout [UInt8]) throws -> ConstantPlacement? {
        switch layer.work {
        case .gemm(let gemm):
            pad(&image)
            let weightAddress = image.count
            switch gemm.conv.weight.data {
            case .int8(let values): values.withUnsafeBytes { image.append(contentsOf: $0) }
            case .int32(let values): for value in values { image.append(contentsOf: value.littleEndianBytes) }
            case .float32, .uint8, .int64, .bool:
                throw BackendError.unsupportedLayer(layer: layer.layer.name, op: layer.layer.op.operatorName,
                                                    reason: "weights of type \(gemm.conv.weight.data.elementType)")
            }
            pad(&image)
            let parameterAddress = image.count
            for record in ParameterRecords.records(gemm.conv) { image.append(contentsOf: record.flatMap(\.littleEndianBytes)) }
            return .weights(weightAddress: weightAddress, parameterAddress: parameterAddress)
        case .elementwise(let elementwise) where !elementwise.table.isEmpty:
            pad(&image)
            let address = image.count
            image.append(contentsOf: elementwise.table)
            return .table(address: address)
        case .elementwise, .pool, .add, .concat, .alias:
            return nil
        }
    }

    /// The most bytes `appendConstants(of:to:)` appends for `layer`, alignment padding included.
    static func mostConstantBytes(of layer: ScheduledLayer) -> Int {
        switch layer.work {
        case .gemm(let gemm):
            let weight = gemm.conv.weight.data
            return 2 * alignment + weight.count * weight.elementType.byteWidth + gemm.conv.outputChannels * PostInstruction.parameterRecordBytes
        case .elementwise(let elementwise) where !elementwise.table.isEmpty:
            return alignment + elementwise.table.count
        case .elementwise, .pool, .add, .concat, .alias:
            return 0
        }
    }

    private static func pad(_ image: inout [UInt8]) {
        image.append(contentsOf: repeatElement(0, count: aligned(image.count) - image.count))
    }

    private static func aligned(_ address: Int) -> Int {
        (address + alignment - 1) / alignment * alignment
    }
}
