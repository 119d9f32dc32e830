import Accelerator

/// Convolution and fully-connected layers: `GEMM`s over input-channel tiles into the accumulator,
/// then `POST`. A depthwise layer has no input-channel loop: one depthwise `GEMM` per tile reads
/// the planes of its own output channels. A grouped layer's output tiles each sum over their own
/// group's input channels.
extension LayerLowering {
    mutating func lowerGemm(_ work: GemmWork) throws {
        let constants = try layer.weightAddresses()
        let outputTiles = work.channelTiles(tile)
        let pixels = pixelTiles()
        let order: [(m: Int, s: Int)] = tile.order == .pixelsOuter
            ? pixels.indices.flatMap { s in outputTiles.indices.map { (m: $0, s: s) } }
            : outputTiles.indices.flatMap { m in pixels.indices.map { (m: m, s: $0) } }
        var first = true
        let context = context
        for (m, s) in order {
            let (outputTile, (rows, columns)) = (outputTiles[m], pixels[s])
            let outputs = outputTile.outputs
            for (c, inputs) in outputTile.inputs.enumerated() {
                stream.beginStep()
                if first { try fillOnChipBox(); first = false }
                let input = if let fold = work.fold {
                    foldedInputOperand(fold, planes: inputs, rows: rows, columns: columns, key: [s, c])
                } else if work.depthwise {
                    inputOperand(channels: outputs, rows: rows, columns: columns, key: [s, m])
                } else {
                    inputOperand(channels: outputTile.layerChannels(inputs), rows: rows, columns: columns,
                                 key: [s, outputTile.group, c])
                }
                let weights = stream.slot(.weights, key: [m, c], addresses: plan.weightSlots) {
                    context.weightLoad(outputs, inputs, of: work.reducedChannels, from: constants.weights, slot: $0)
                }
                let parameters = stream.slot(.parameters, key: [m], addresses: plan.parameterSlots) {
                    context.parameterLoad(outputs, from: constants.parameters, slot: $0)
                }
                var gemm = GemmInstruction(
                    layer: index, elementBytes: elementBytes, accumulatorBytes: program.accumulatorBytes, reset: c == 0,
                    inputAddress: input.address, inputPlanePitch: input.planePitch, inputRowPitch: input.rowPitch,
                    weightAddress: weights, accumulatorAddress: plan.accumulatorAddress, outputChannels: outputs.count,
                    inputChannels: inputs.count, outputRows: rows.count, outputColumns: columns.count,
                    kernelHeight: geometry.kernelHeight, kernelWidth: geometry.kernelWidth,
                    strideHeight: geometry.strideHeight, strideWidth: geometry.strideWidth,
                    dilationHeight: geometry.dilationHeight, dilationWidth: geometry.dilationWidth, depthwise: work.depthwise)
                if work.fold != nil { gemm.reduceOverFoldedPlanes() }
                stream.compute(.gemm(gemm))
                guard c == outputTile.inputs.count - 1 else { continue }
                emitOutput(channels: outputs, rows: rows, columns: columns) { destination in
                    .post(context.postInstruction(work, channels: outputs.count, rows: rows.count, columns: columns.count,
                                          parameters: parameters, destination: destination))
                }
            }
        }
    }
}

extension LoweringContext {
    /// The DMA of the weights of `outputs` × `inputs` from the layer's weights at `address`, whose
    /// rows hold `reducedChannels` input channels.
    func weightLoad(_ outputs: Range<Int>, _ inputs: Range<Int>, of reducedChannels: Int, from address: Int, slot: Int) -> LoadInstruction {
        let taps = geometry.windowTaps
        let row = reducedChannels * taps
        return LoadInstruction(
            layer: index, buffer: .weight, elementBytes: elementBytes,
            dramAddress: address + (outputs.lowerBound * row + inputs.lowerBound * taps) * elementBytes,
            sramAddress: slot, depth: outputs.count, rows: 1, columns: inputs.count * taps,
            dramPlaneStride: row * elementBytes, dramRowStride: inputs.count * taps * elementBytes)
    }

    /// The DMA of the parameter records of `outputs` from the layer's records at `address`: one row,
    /// or one plane per record when the row would exceed `LOAD`'s 16-bit `columns` (LRN's products
    /// have a channel per element).
    func parameterLoad(_ outputs: Range<Int>, from address: Int, slot: Int) -> LoadInstruction {
        let record = PostInstruction.parameterRecordBytes
        let words = outputs.count * record / 4
        let perRecord = words > Int(UInt16.max)
        return LoadInstruction(
            layer: index, buffer: .weight, elementBytes: 4, dramAddress: address + outputs.lowerBound * record,
            sramAddress: slot, depth: perRecord ? outputs.count : 1, rows: 1, columns: perRecord ? record / 4 : words,
            dramPlaneStride: perRecord ? record : outputs.count * record, dramRowStride: perRecord ? record : outputs.count * record)
    }

    func postInstruction(_ work: GemmWork, channels: Int, rows: Int, columns: Int, parameters: Int,
                                 destination: StridedDestination) -> PostInstruction {
        PostInstruction(
            layer: index, elementBytes: elementBytes, accumulatorBytes: program.accumulatorBytes,
            accumulatorAddress: plan.accumulatorAddress, parameterAddress: parameters, channels: channels, rows: rows,
            columns: columns, requantization: ParameterRecords.kind(work.conv.requantization),
            saturate: program.accumulatorBytes == 4, outputZeroPoint: work.conv.outputZeroPoint,
            clampLow: work.conv.outputClamp.lowerBound, clampHigh: work.conv.outputClamp.upperBound,
            destination: destination)
    }
}
