import Accelerator

/// Squeeze-and-excitation's product (`GatedProduct`): per channel-and-pixel tile, the feature
/// map's box with its pad rows, the gate's stored values as weights and the constant weights, one
/// depthwise `GEMM` with the gate's weights and `staticPasses` with the constant ones into one
/// accumulator tile, then `POST`.
extension LayerLowering {
    mutating func lowerProduct(_ work: GemmWork, _ product: GatedProduct) throws {
        let constants = try layer.weightAddresses()
        guard case .dram(let gate) = context.inputs[1] else {
            throw BackendError.invalidSchedule(layer: layer.layer.name, stage: BackendStage.lower.rawValue,
                                               detail: "reads its gate '\(layer.inputs[1].value)' on chip; a gate's values are loaded as weights from DRAM")
        }
        let context = context
        var first = true
        for (m, outputs) in TileRanges(size: geometry.outputChannels, tile: tile.outputChannels).enumerated() {
            for (s, (rows, columns)) in pixelTiles().enumerated() {
                stream.beginStep()
                if first { try fillOnChipBox(); first = false }
                let input = inputOperand(channels: outputs, rows: rows, columns: columns, key: [s, m])
                let gateWeights = stream.slot(.weights, key: [m, 0], addresses: plan.weightSlots) {
                    context.gateLoad(outputs, from: gate, slot: $0)
                }
                let staticWeights = product.staticPasses == 0 ? nil : stream.slot(.weights, key: [m, 1], addresses: plan.weightSlots) {
                    context.weightLoad(outputs, 0..<1, of: 1, from: constants.weights, slot: $0)
                }
                let parameters = stream.slot(.parameters, key: [m], addresses: plan.parameterSlots) {
                    context.parameterLoad(outputs, from: constants.parameters, slot: $0)
                }
                let passes = [gateWeights] + Array(repeating: staticWeights ?? gateWeights, count: product.staticPasses)
                for (pass, weights) in passes.enumerated() {
                    stream.compute(.gemm(GemmInstruction(
                        layer: index, elementBytes: elementBytes, accumulatorBytes: program.accumulatorBytes, reset: pass == 0,
                        inputAddress: input.address, inputPlanePitch: input.planePitch, inputRowPitch: input.rowPitch,
                        weightAddress: weights, accumulatorAddress: plan.accumulatorAddress, outputChannels: outputs.count,
                        inputChannels: 1, outputRows: rows.count, outputColumns: columns.count,
                        kernelHeight: geometry.kernelHeight, kernelWidth: geometry.kernelWidth,
                        strideHeight: 1, strideWidth: 1, dilationHeight: geometry.dilationHeight, dilationWidth: geometry.dilationWidth,
                        depthwise: true)))
                }
                emitOutput(channels: outputs, rows: rows, columns: columns) { destination in
                    .post(context.postInstruction(work, channels: outputs.count, rows: rows.count, columns: columns.count,
                                                  parameters: parameters, destination: destination))
                }
            }
        }
    }
}

extension LoweringContext {
    /// The gate's stored values of channels `outputs` as depthwise weights: each repeated for the
    /// kernel's rows (a DRAM row stride of 0), `[outputChannels][1][kernelHeight][1]`.
    func gateLoad(_ outputs: Range<Int>, from gate: DRAMTensor, slot: Int) -> LoadInstruction {
        LoadInstruction(layer: index, buffer: .weight, elementBytes: elementBytes, dramAddress: gate.address + outputs.lowerBound * elementBytes,
                        sramAddress: slot, depth: outputs.count, rows: geometry.kernelHeight, columns: 1, dramPlaneStride: elementBytes,
                        dramRowStride: 0)
    }
}
