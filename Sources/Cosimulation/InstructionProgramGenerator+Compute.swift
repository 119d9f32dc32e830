import Accelerator
import Quantization

/// The generator's compute programs: `GEMM` in its four forms, `POST`, `POOL`, `ALU` and `ADD`.
extension InstructionProgramGenerator {
    /// Appends `loads`, `computes` and a `STORE` of the output buffer's first `end` bytes, with the
    /// tokens of one step: the last `LOAD` pushes load→compute, the first compute instruction pops it,
    /// the last pushes compute→store, and the `STORE` pops that.
    mutating func appendStep(loads: [Instruction], computes: [Instruction], storing end: Int) {
        var loads = loads, computes = computes
        loads[loads.count - 1].dependencies.pushNext = true
        computes[0].dependencies.popPrevious = true
        computes[computes.count - 1].dependencies.pushNext = true
        instructions += loads + computes
        instructions.append(storeAll(through: end, tokens: DependencyFlags(popPrevious: true)))
    }

    /// The input box of a window over `outputs` positions: `(outputs − 1)·stride + (kernel − 1)·dilation + 1`,
    /// and sometimes one more.
    mutating func extent(outputs: Int, kernel: Int, stride: Int, dilation: Int) -> Int {
        (outputs - 1) * stride + (kernel - 1) * dilation + 1 + int(0...1)
    }

    /// The box `make` gives for `dims`, the dims shrunk (largest first) until the box fits the
    /// element budget; returns the box and the dims it was made for.
    mutating func fittedBox(_ dims: [Int], _ make: (inout Self, [Int]) -> Box) -> (Box, [Int]) {
        var dims = dims
        while true {
            let box = make(&self, dims)
            let smaller = Self.shrunk(dims, toAtMost: dims.reduce(1, *) - 1)
            if box.elements <= elementBudget || smaller == dims { return (placed(box), dims) }
            dims = smaller
        }
    }

    /// A first `GEMM` (`reset`, weights at 0, sums at accumulator 0) over `input`.
    func gemm(input: Box, inputPlanePitch: Int, inputRowPitch: Int, outputChannels: Int, inputChannels: Int, outputRows: Int,
              outputColumns: Int, kernel: (Int, Int), stride: (Int, Int), dilation: (Int, Int), depthwise: Bool) -> GemmInstruction {
        GemmInstruction(
            layer: 0, elementBytes: width, accumulatorBytes: accumulatorWidth, reset: true, inputAddress: input.address,
            inputPlanePitch: inputPlanePitch, inputRowPitch: inputRowPitch, weightAddress: 0, accumulatorAddress: 0,
            outputChannels: outputChannels, inputChannels: inputChannels, outputRows: outputRows, outputColumns: outputColumns,
            kernelHeight: kernel.0, kernelWidth: kernel.1, strideHeight: stride.0, strideWidth: stride.1,
            dilationHeight: dilation.0, dilationWidth: dilation.1, depthwise: depthwise)
    }

    /// One or two passes of `first` (the second accumulating, with weights of its own) of
    /// `weightsPerPass` weights each, then a `POST` of the sums and the `STORE`; the weights, records
    /// and sums anywhere in their buffers.
    mutating func appendGemmStep(input: Box, weightsPerPass: (planes: Int, columns: Int), first: GemmInstruction) {
        let (channels, rows, columns) = (first.outputChannels, first.outputRows, first.outputColumns)
        let passBytes = (weightsPerPass.planes * weightsPerPass.columns * width + 7) / 8 * 8
        let passes = int(1...2)
        let base = randomAddress(in: .weight, for: passes * passBytes + channels * PostInstruction.parameterRecordBytes, alignment: 8)
        let sums = randomAddress(in: .accumulator, for: channels * rows * columns * accumulatorWidth, alignment: accumulatorWidth)
        var loads = [load(input)], computes: [Instruction] = []
        for index in 0..<passes {
            loads.append(weightLoad(planes: weightsPerPass.planes, columns: weightsPerPass.columns, at: base + index * passBytes))
            var pass = first
            (pass.reset, pass.weightAddress, pass.accumulatorAddress) = (index == 0, base + index * passBytes, sums)
            computes.append(.gemm(pass))
        }
        let (parameters, post) = self.post(channels: channels, rows: rows, columns: columns, sums: sums,
                                           parameterAddress: base + passes * passBytes,
                                           destination: destination(channels: channels, rows: rows, columns: columns))
        appendStep(loads: loads + [parameters], computes: computes + [.post(post)],
                   storing: end(of: post.destination, channels: channels, rows: rows, columns: columns))
    }

    /// Ordinary `GEMM`s: up to 5 output and 7 input channels, kernels up to 3×3, strides and
    /// dilations 1 or 2, up to 4×5 outputs.
    mutating func makeGemmProgram() {
        let (outputChannels, kernel) = (int(1...5), (int(1...3), int(1...3)))
        let (stride, dilation) = ((int(1...2), int(1...2)), (int(1...2), int(1...2)))
        let (box, dims) = fittedBox([int(1...7), int(1...4), int(1...5)]) { generator, dims in
            Box(address: 0, channels: dims[0],
                rows: generator.extent(outputs: dims[1], kernel: kernel.0, stride: stride.0, dilation: dilation.0),
                columns: generator.extent(outputs: dims[2], kernel: kernel.1, stride: stride.1, dilation: dilation.1))
        }
        appendGemmStep(input: box, weightsPerPass: (outputChannels, box.channels * kernel.0 * kernel.1), first: gemm(
            input: box, inputPlanePitch: box.planeElements, inputRowPitch: box.columns, outputChannels: outputChannels,
            inputChannels: box.channels, outputRows: dims[1], outputColumns: dims[2], kernel: kernel, stride: stride,
            dilation: dilation, depthwise: false))
    }

    /// `GEMM`s of one kernel position, whose input channels spread over the array's `Pi·Pk`
    /// multipliers of each output: up to 5 output channels and three groups of `Pi·Pk` input
    /// channels over up to 4×5 outputs with strides 1 or 2, or (a fully-connected layer) up to 48
    /// input channels at one pixel.
    mutating func makePointwiseProgram() {
        let outputChannels = int(1...5), fullyConnected = chance(0.3)
        let channels = fullyConnected ? int(1...48) : int(1...(3 * config.array.pi * config.array.pk))
        let stride = fullyConnected ? (1, 1) : (int(1...2), int(1...2))
        let (box, dims) = fittedBox([channels, fullyConnected ? 1 : int(1...4), fullyConnected ? 1 : int(1...5)]) { generator, dims in
            Box(address: 0, channels: dims[0], rows: generator.extent(outputs: dims[1], kernel: 1, stride: stride.0, dilation: 1),
                columns: generator.extent(outputs: dims[2], kernel: 1, stride: stride.1, dilation: 1))
        }
        appendGemmStep(input: box, weightsPerPass: (outputChannels, box.channels), first: gemm(
            input: box, inputPlanePitch: box.planeElements, inputRowPitch: box.columns, outputChannels: outputChannels,
            inputChannels: box.channels, outputRows: dims[1], outputColumns: dims[2], kernel: (1, 1), stride: stride,
            dilation: (1, 1), depthwise: false))
    }

    /// Depthwise `GEMM`s of up to 6 channels, each its own plane or (plane pitch 0) all the one plane.
    mutating func makeDepthwiseProgram() {
        let (channels, onePlane) = (int(1...6), chance(0.3))
        let (kernel, stride, dilation) = ((int(1...3), int(1...3)), (int(1...2), int(1...2)), (int(1...2), int(1...2)))
        let (box, dims) = fittedBox([int(1...4), int(1...6)]) { generator, dims in
            Box(address: 0, channels: onePlane ? 1 : channels,
                rows: generator.extent(outputs: dims[0], kernel: kernel.0, stride: stride.0, dilation: dilation.0),
                columns: generator.extent(outputs: dims[1], kernel: kernel.1, stride: stride.1, dilation: dilation.1))
        }
        appendGemmStep(input: box, weightsPerPass: (channels, kernel.0 * kernel.1), first: gemm(
            input: box, inputPlanePitch: onePlane ? 0 : box.planeElements, inputRowPitch: box.columns, outputChannels: channels,
            inputChannels: 1, outputRows: dims[0], outputColumns: dims[1], kernel: kernel, stride: stride, dilation: dilation,
            depthwise: true))
    }

    /// The folded form: up to 12 planes reduced as a `planes × 1` kernel (rows a plane apart) by
    /// depthwise `GEMM`s with plane pitch 0 over one row of up to 24 pixels, up to 5 output channels.
    mutating func makeFoldedProgram() {
        let channels = int(1...5)
        let box = randomBox(channels: 1...12, rows: 1...4, columns: 1...6)
        appendGemmStep(input: box, weightsPerPass: (channels, box.channels), first: gemm(
            input: box, inputPlanePitch: 0, inputRowPitch: box.planeElements, outputChannels: channels, inputChannels: 1,
            outputRows: 1, outputColumns: box.planeElements, kernel: (box.channels, 1), stride: (1, 1), dilation: (1, 1),
            depthwise: true))
    }

    /// A `POST` of a random requantization kind, saturation, zero point and clamp over the sums at
    /// accumulator address `sums`, and the `LOAD` of its random parameter records to `parameterAddress`.
    mutating func post(channels: Int, rows: Int, columns: Int, sums: Int, parameterAddress: Int,
                       destination: StridedDestination) -> (load: Instruction, post: PostInstruction) {
        let kind = [RequantizationKind.multiplier, .shift, .cuScale][int(0...2)]
        let records = (0..<channels).flatMap { _ in postRecord(kind) }
        let zeroPoint = value(in: storage)
        let (low, high) = clampRange(floor: zeroPoint)
        let post = PostInstruction(
            layer: 0, elementBytes: width, accumulatorBytes: accumulatorWidth, accumulatorAddress: sums,
            parameterAddress: parameterAddress, channels: channels, rows: rows, columns: columns, requantization: kind,
            saturate: chance(0.5), outputZeroPoint: zeroPoint, clampLow: low, clampHigh: high, destination: destination)
        return (constantLoad(records, width: 4, at: parameterAddress), post)
    }

    /// One `(bias, multiplier, shift)` record for `kind`, scaled so that most results land inside
    /// the storage range; the field a kind does not read is random.
    private mutating func postRecord(_ kind: RequantizationKind) -> [Int64] {
        let bias = Int64(value(in: width == 1 ? -5000...5000 : -2_000_000...2_000_000))
        switch kind {
        case .multiplier:
            return [bias, Int64(value(in: 0...Int32.max)), Int64(chance(0.8) ? int(28...46) : int(0...62))]
        case .shift:
            return [bias, Int64(value(in: Int32.min...Int32.max)), Int64(int(-6...(width == 1 ? 18 : 30)))]
        case .cuScale:
            return [bias, Int64(value(in: -70_000...70_000)), Int64(int(0...63))]
        }
    }

    /// A 1×1 `GEMM` of up to 5 output channels, then one to three `POST`s of its sums, each of its own
    /// kind and records; now and then a `POST` writes anywhere in the input buffer and an
    /// `ALU` clamp copies that out.
    mutating func makePostProgram() {
        let channels = int(1...5)
        let pixels = Self.shrunk([int(1...4), int(1...6)], toAtMost: elementBudget / (4 * channels))
        let box = placed(Box(address: 0, channels: int(1...4), rows: pixels[0], columns: pixels[1]))
        let (rows, columns) = (box.rows, box.columns)
        let sums = randomAddress(in: .accumulator, for: channels * rows * columns * accumulatorWidth, alignment: accumulatorWidth)
        var loads = [load(box), weightLoad(planes: channels, columns: box.channels, at: 0)]
        var first = gemm(input: box, inputPlanePitch: box.planeElements, inputRowPitch: box.columns, outputChannels: channels,
                         inputChannels: box.channels, outputRows: rows, outputColumns: columns, kernel: (1, 1), stride: (1, 1),
                         dilation: (1, 1), depthwise: false)
        first.accumulatorAddress = sums
        var computes = [Instruction.gemm(first)]
        var end = 0, parameterAddress = (channels * box.channels * width + 7) / 8 * 8
        for _ in 0..<int(1...3) {
            let onChip = chance(0.3)
            let target = onChip
                ? inputDestination(channels: channels, rows: rows, columns: columns)
                : destination(channels: channels, rows: rows, columns: columns, from: end)
            let (parameters, post) = self.post(channels: channels, rows: rows, columns: columns, sums: sums,
                                               parameterAddress: parameterAddress, destination: target)
            loads.append(parameters)
            computes.append(.post(post))
            parameterAddress += channels * PostInstruction.parameterRecordBytes
            if onChip {
                let copied = Box(address: target.address, channels: channels, rows: rows, columns: columns)
                let out = destination(channels: channels, rows: rows, columns: columns, from: end)
                computes.append(.alu(ALUInstruction(
                    layer: 0, elementBytes: width, operation: .clamp, inputAddress: copied.address, inputPlanePitch: target.planePitch,
                    inputRowPitch: target.rowPitch, channels: channels, rows: rows, columns: columns, tableAddress: 0,
                    clampLow: Int32.min, clampHigh: Int32.max, destination: out)))
                end = self.end(of: out, channels: channels, rows: rows, columns: columns)
            } else {
                end = self.end(of: target, channels: channels, rows: rows, columns: columns)
            }
        }
        appendStep(loads: loads, computes: computes, storing: end)
    }

    /// A max or average `POOL` of up to 4 channels, windows up to 4×4 with strides up to 3, up to
    /// 4×5 outputs (so the outputs seldom fill the lanes), over a padded box.
    mutating func makePoolProgram() {
        let (kernel, stride) = ((int(1...4), int(1...4)), (int(1...3), int(1...3)))
        let (box, dims) = fittedBox([int(1...4), int(1...4), int(1...5)]) { generator, dims in
            Box(address: 0, channels: dims[0],
                rows: generator.extent(outputs: dims[1], kernel: kernel.0, stride: stride.0, dilation: 1),
                columns: generator.extent(outputs: dims[2], kernel: kernel.1, stride: stride.1, dilation: 1))
        }
        let (rows, columns) = (dims[1], dims[2])
        let average = chance(0.5)
        let target = destination(channels: box.channels, rows: rows, columns: columns)
        let outputZeroPoint = value(in: storage)
        let (low, high) = clampRange(floor: outputZeroPoint)
        let pool = Instruction.pool(PoolInstruction(
            layer: 0, elementBytes: width, kind: average ? .average : .max, inputAddress: box.address,
            inputPlanePitch: box.planeElements, inputRowPitch: box.columns, channels: box.channels, outputRows: rows,
            outputColumns: columns, kernelHeight: kernel.0, kernelWidth: kernel.1, strideHeight: stride.0, strideWidth: stride.1,
            inputZeroPoint: average ? value(in: storage) : 0, outputZeroPoint: average ? outputZeroPoint : 0,
            multiplier: average ? value(in: 0...Int32.max) : 0, shift: average ? (chance(0.8) ? int(28...40) : int(0...62)) : 0,
            clampLow: low, clampHigh: high, destination: target))
        appendStep(loads: [load(box)], computes: [pool], storing: end(of: target, channels: box.channels, rows: rows, columns: columns))
    }

    /// An `ALU` over part of a padded box: a 256-entry lookup table (8-bit modes) or the
    /// piecewise-linear sigmoid (`de1soc-q10`), or a clamp; then a second of another operation.
    mutating func makeALUProgram() {
        let box = randomBox(channels: 1...4, rows: 1...6, columns: 1...8, share: 2)
        let tableAddress = int(0...32) * 4
        let table: ALUOperation = width == 1 ? .lookupTable : .piecewiseLinearSigmoid
        let tableValues = width == 1 ? (0..<256).map { _ in Int64(value(in: -128...127)) } : PiecewiseLinearSigmoid.knots.map(Int64.init)
        let loads = [load(box), constantLoad(tableValues, width: table.table.entryBytes, at: tableAddress)]
        var computes: [Instruction] = [], end = 0
        for operation in [table, .clamp].shuffled(using: &random) {
            let (channels, rows, columns) = (int(1...box.channels), int(1...box.rows), int(1...box.columns))
            let first = (int(0...box.channels - channels) * box.planeElements + int(0...box.rows - rows) * box.columns
                         + int(0...box.columns - columns))
            let target = destination(channels: channels, rows: rows, columns: columns, from: end)
            let (low, high) = clampRange(floor: 0)
            computes.append(.alu(ALUInstruction(
                layer: 0, elementBytes: width, operation: operation, inputAddress: box.address + first * width,
                inputPlanePitch: box.planeElements, inputRowPitch: box.columns, channels: channels, rows: rows, columns: columns,
                tableAddress: tableAddress, clampLow: operation == .clamp ? low : 0, clampHigh: operation == .clamp ? high : 0,
                destination: target)))
            end = self.end(of: target, channels: channels, rows: rows, columns: columns)
        }
        appendStep(loads: loads, computes: computes, storing: end)
    }

    /// One to four `ADD` operands, tiles of one padded box, summed into the accumulator: the first
    /// without `accumulate`, the last with `write` (a lone operand is the requantizing copy).
    mutating func makeAddProgram() {
        let operands = int(1...4)
        let tile = Self.shrunk([int(1...3), int(1...4), int(1...6)], toAtMost: elementBudget / operands)
        let box = placed(Box(address: 0, channels: operands * tile[0], rows: tile[1], columns: tile[2]))
        let accumulatorAddress = randomAddress(in: .accumulator, for: tile.reduce(8, *), alignment: 8)
        let target = destination(channels: tile[0], rows: tile[1], columns: tile[2])
        let computes = (0..<operands).map { operand -> Instruction in
            let write = operand == operands - 1
            let outputZeroPoint = write ? value(in: storage) : 0
            let (low, high) = write ? clampRange(floor: outputZeroPoint) : (0, 0)
            return .add(AddInstruction(
                layer: 0, elementBytes: width, accumulate: operand > 0, write: write,
                inputAddress: box.address + operand * tile[0] * box.planeElements * width, inputPlanePitch: box.planeElements,
                inputRowPitch: box.columns, channels: tile[0], rows: tile[1], columns: tile[2],
                accumulatorAddress: accumulatorAddress, zeroPoint: value(in: storage), multiplier: int(0...(1 << 31)),
                shift: write ? (chance(0.8) ? int(24...(width == 1 ? 40 : 50)) : int(0...63)) : 0,
                outputZeroPoint: outputZeroPoint, clampLow: low, clampHigh: high,
                destination: write ? target : StridedDestination(buffer: .input, address: 0, planePitch: 0, rowPitch: 0)))
        }
        appendStep(loads: [load(box)], computes: computes, storing: end(of: target, channels: tile[0], rows: tile[1], columns: tile[2]))
    }
}
