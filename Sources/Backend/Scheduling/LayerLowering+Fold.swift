import Accelerator

/// Convolutions whose kernel positions are folded into input channels (`KernelFold`): the load
/// unit gathers one plane per input channel and kernel position, and the `GEMM` reduces over them.
extension LayerLowering {
    /// The folded planes `planes` of output tile (`rows`, `columns`), gathered into an input slot
    /// by one `LOAD` each: the tile's planes lie back to back, each `rows × columns`.
    mutating func foldedInputOperand(_ fold: KernelFold, planes: Range<Int>, rows: Range<Int>, columns: Range<Int>, key: [Int])
        -> (address: Int, planePitch: Int, rowPitch: Int) {
        guard case .dram(let source) = context.inputs[0] else {
            preconditionFailure("layer \(index): a folded convolution reads its input from DRAM (residency keeps it there)")
        }
        let context = context
        let address = stream.slot(.input, key: key, addresses: plan.inputSlots) { slot in
            var loads: [LoadInstruction] = []
            var previous: (channel: Int, ky: Int)?
            for plane in planes {
                let sramAddress = slot + (plane - planes.lowerBound) * rows.count * columns.count * context.elementBytes
                let load = context.planeLoad(fold, plane: plane, from: source, rows: rows, columns: columns, slot: sramAddress)
                let (channel, ky, _) = fold.source(ofPlane: plane)
                if let last = loads.last, previous.map({ $0 == (channel, ky) }) == true, let merged = context.extend(last, with: load, fold) {
                    loads[loads.count - 1] = merged
                } else {
                    loads.append(load)
                }
                previous = (channel, ky)
            }
            return loads
        }
        return (address, rows.count * columns.count, columns.count)
    }
}

extension LoweringContext {
    /// The `LOAD` of folded plane `plane` for output tile (`rows`, `columns`): input channel `c`
    /// read through kernel position (`ky`, `kx`), so box element `(y, x)` is the input element
    /// output pixel `(y, x)` multiplies by weight `[m][c][ky][kx]`; what the tap reads of the
    /// layer's padding is the box's padding (a box of padding only when none of it is inside).
    func planeLoad(_ fold: KernelFold, plane: Int, from source: DRAMTensor, rows: Range<Int>, columns: Range<Int>,
                   slot: Int) -> LoadInstruction {
        let window = fold.window
        let (channel, ky, kx) = fold.source(ofPlane: plane)
        let validRows = fold.validRows(rows, ky: ky), validColumns = fold.validColumns(columns, kx: kx)
        var load = LoadInstruction(
            layer: index, buffer: .input, elementBytes: elementBytes, dramAddress: 0, sramAddress: slot, depth: 1,
            rows: 0, columns: 0, dramPlaneStride: 0, dramRowStride: 0, padTop: 0, padBottom: 0, padLeft: 0, padRight: 0,
            padValue: layer.work.padValue)
        guard !validRows.isEmpty, !validColumns.isEmpty else {
            (load.padTop, load.padBottom) = Self.split(rows.count, KernelFold.maximumPad)
            (load.padLeft, load.padRight) = Self.split(columns.count, KernelFold.maximumPad)
            return load
        }
        let inputRow = validRows.lowerBound * window.strideHeight + ky * window.dilationHeight - window.padTop
        let inputColumn = validColumns.lowerBound + kx * window.dilationWidth - window.padLeft
        let plane = window.inputHeight * window.inputWidth
        load.dramAddress = source.address + (channel * plane + inputRow * window.inputWidth + inputColumn) * elementBytes
        (load.rows, load.columns) = (validRows.count, validColumns.count)
        load.dramPlaneStride = plane * elementBytes
        load.dramRowStride = window.strideHeight * window.inputWidth * elementBytes
        (load.padTop, load.padBottom) = (validRows.lowerBound - rows.lowerBound, rows.upperBound - validRows.upperBound)
        (load.padLeft, load.padRight) = (validColumns.lowerBound - columns.lowerBound, columns.upperBound - validColumns.upperBound)
        return load
    }

    /// `load` (the planes of one input channel and kernel row so far) extended by the next plane's
    /// `next` when it reads the same box one dilation further right in DRAM (or is padding too), so
    /// that one `LOAD` writes both; `nil` when it cannot.
    func extend(_ load: LoadInstruction, with next: LoadInstruction, _ fold: KernelFold) -> LoadInstruction? {
        let step = fold.window.dilationWidth * elementBytes
        let sameBox = (load.rows, load.columns, load.padTop, load.padBottom, load.padLeft, load.padRight)
            == (next.rows, next.columns, next.padTop, next.padBottom, next.padLeft, next.padRight)
        let reads = load.rows > 0 && load.columns > 0
        guard sameBox, !reads || next.dramAddress == load.dramAddress + load.depth * step else { return nil }
        var merged = load
        merged.depth += 1
        merged.dramPlaneStride = reads ? step : 0
        return merged
    }

    /// `count` cut into a first part of at most `limit` and the rest.
    private static func split(_ count: Int, _ limit: Int) -> (Int, Int) {
        (min(count, limit), count - min(count, limit))
    }
}

extension GemmInstruction {
    /// Turns the `GEMM` of a folded tile (its fields as for a 1×1 convolution over the planes) into
    /// the reduction the array runs: depthwise mode with input plane pitch 0, so every output
    /// channel reads the one stack of planes as a `planes × 1` kernel (rows `planePitch` apart)
    /// over a single row of `rows·columns` pixels; the accumulator tile `[m][rows·columns]` is the
    /// same bytes as `[m][rows][columns]`.
    mutating func reduceOverFoldedPlanes() {
        let (planes, pixels, planePitch) = (inputChannels, outputRows * outputColumns, inputPlanePitch)
        depthwise = true
        (inputChannels, inputPlanePitch, inputRowPitch) = (1, 0, planePitch)
        (outputRows, outputColumns) = (1, pixels)
        (kernelHeight, kernelWidth) = (planes, 1)
    }
}
