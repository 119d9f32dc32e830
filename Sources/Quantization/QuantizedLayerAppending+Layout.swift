import IR

/// Layout ops that keep their input's scale: channel slices, splits, and the spatial mean that
/// ReduceMean expresses as a global average pool.
extension QuantizedLayerAppending {
    /// Refuses a ReduceMean that is not exactly a global average pool (the mean over every axis
    /// after the channel axis).
    package func requireSpatialMean(_ node: Node, axes: [Int]?) throws {
        let rank = try dims(of: node.inputs[0]).count
        let reduced = try ShapeInference.reducedAxes(axes, rank: rank, node: node)
        guard rank >= 3, reduced == Set(2..<rank) else {
            throw refuse(node, "ReduceMean over axes \(reduced.sorted()) of a rank-\(rank) input; only the mean over every spatial axis (a global average pool) is supported")
        }
    }

    /// A Slice that keeps every axis whole but the channel axis, which it cuts to consecutive
    /// channels: `sliceChannels`.
    package mutating func addChannelSlice(_ node: Node, _ attributes: SliceAttributes) throws {
        let x = try dims(of: node.inputs[0])
        let ranges = try attributes.ranges(for: Shape(x), node: node)
        let cutAxes = ranges.indices.filter { ranges[$0] != SliceAttributes.AxisRange(start: 0, count: x[$0], step: 1) }
        guard x.count >= 2, cutAxes.allSatisfy({ $0 == 1 }), ranges[1].step == 1 || ranges[1].count == 1, ranges[1].count > 0 else {
            throw refuse(node, "only a slice of consecutive channels is supported, not \(ranges.map { "\($0.start)+\($0.count)×\($0.step)" }) of \(x)")
        }
        try addSameScale(node, .sliceChannels(start: ranges[1].start, count: ranges[1].count))
    }

    /// A Split of the channel axis: one `sliceChannels` layer per output, named `NODE:INDEX` when
    /// there are several.
    package mutating func addChannelSplit(_ node: Node, axis: Int, sizes: [Int]?) throws {
        let x = try dims(of: node.inputs[0])
        guard try ShapeInference.normalizedAxis(axis, rank: x.count, node: node) == 1 else {
            throw refuse(node, "only a split of the channel axis is supported, not axis \(axis) of \(x)")
        }
        let params = try inputParams(node.inputs[0], of: node)
        var start = 0
        for (index, size) in try ShapeInference.splitSizes(node: node, extent: x[1], sizes: sizes).enumerated() {
            defer { start += size }
            let output = node.outputs[index]
            guard !output.isEmpty else { continue }
            guard size > 0 else { throw refuse(node, "output \(index) is empty") }
            layers.append(QuantizedLayer(name: node.outputs.count == 1 ? node.name : "\(node.name):\(index)",
                                         op: .sliceChannels(start: start, count: size), inputs: [node.inputs[0]],
                                         output: output, dims: try dims(of: output), params: params))
            self.params[output] = params
        }
    }
}
