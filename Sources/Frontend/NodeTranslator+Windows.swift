import IR

/// Convolution and windowed pooling: kernel, stride, dilation and padding attributes.
extension NodeTranslator {
    func translateConv(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        let kernel = try attributes.ints("kernel_shape") ?? inferredKernelShape(node)
        let spatial = try spatialRank(of: kernel)
        let group = try attributes.int("group", default: 1)
        guard group > 0 else { throw UnsupportedFeature("attribute 'group' is \(group), must be positive") }
        let convolution = ConvAttributes(
            kernelShape: kernel,
            strides: try perAxis(attributes, "strides", spatial: spatial),
            dilations: try perAxis(attributes, "dilations", spatial: spatial),
            padding: try padding(attributes, spatial: spatial),
            group: group)
        return try single(node, .conv(convolution), inputs: 2...3)
    }

    func translateMaxPool(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        guard try attributes.int("storage_order", default: 0) == 0 else {
            throw UnsupportedFeature("storage_order=1 (column-major indices) is not supported")
        }
        if node.presentOutputs.count > 1 {
            throw UnsupportedFeature("the Indices output is not supported")
        }
        let pooling = try poolAttributes(attributes, countIncludePad: false)
        return try single(node, .maxPool(pooling), inputs: 1...1)
    }

    func translateAveragePool(_ node: ONNXNode, _ attributes: AttributeReader) throws -> Translation {
        let pooling = try poolAttributes(attributes, countIncludePad: attributes.flag("count_include_pad", default: false))
        guard pooling.dilations.allSatisfy({ $0 == 1 }) else {
            throw UnsupportedFeature("dilated average pooling (dilations \(pooling.dilations)) is not supported")
        }
        return try single(node, .averagePool(pooling), inputs: 1...1)
    }

    private func poolAttributes(_ attributes: AttributeReader, countIncludePad: Bool) throws -> PoolAttributes {
        guard let kernel = try attributes.ints("kernel_shape") else {
            throw UnsupportedFeature("attribute 'kernel_shape' is required")
        }
        let spatial = try spatialRank(of: kernel)
        return PoolAttributes(
            kernelShape: kernel,
            strides: try perAxis(attributes, "strides", spatial: spatial),
            dilations: try perAxis(attributes, "dilations", spatial: spatial),
            padding: try padding(attributes, spatial: spatial),
            ceilMode: try attributes.flag("ceil_mode", default: false),
            countIncludePad: countIncludePad)
    }

    /// The kernel extents from the weight's dims `[M, C/group, kernel...]` when `kernel_shape` is
    /// absent.
    private func inferredKernelShape(_ node: ONNXNode) throws -> [Int] {
        guard let weight = optionalInput(node, 1), let dims = context.dims(of: weight), dims.count > 2 else {
            throw UnsupportedFeature("kernel_shape is absent and the shape of the weights is unknown")
        }
        return Array(dims.dropFirst(2))
    }

    /// The number of spatial axes `kernel` covers; vggc handles one or two, with positive extents.
    private func spatialRank(of kernel: [Int]) throws -> Int {
        guard (1...2).contains(kernel.count) else {
            throw UnsupportedFeature("\(kernel.count)-D windows are not supported (kernel_shape \(kernel))")
        }
        guard kernel.allSatisfy({ $0 > 0 }) else {
            throw UnsupportedFeature("kernel_shape \(kernel) must be positive")
        }
        return kernel.count
    }

    /// A per-spatial-axis attribute (`strides`, `dilations`): all ones when absent, else one
    /// positive value per axis.
    private func perAxis(_ attributes: AttributeReader, _ name: String, spatial: Int) throws -> [Int] {
        guard let values = try attributes.ints(name) else { return Array(repeating: 1, count: spatial) }
        guard values.count == spatial, values.allSatisfy({ $0 > 0 }) else {
            throw UnsupportedFeature("attribute '\(name)' is \(values), expected \(spatial) positive values")
        }
        return values
    }

    /// The padding from `auto_pad` and `pads`.
    private func padding(_ attributes: AttributeReader, spatial: Int) throws -> Padding {
        switch try attributes.string("auto_pad") ?? "NOTSET" {
        case "NOTSET":
            let pads = try attributes.ints("pads") ?? Array(repeating: 0, count: 2 * spatial)
            guard pads.count == 2 * spatial, pads.allSatisfy({ $0 >= 0 }) else {
                throw UnsupportedFeature("attribute 'pads' is \(pads), expected \(2 * spatial) non-negative values")
            }
            return .explicit(pads)
        case "SAME_UPPER": return .sameUpper
        case "SAME_LOWER": return .sameLower
        case "VALID": return .valid
        case let other: throw UnsupportedFeature("auto_pad '\(other)' is not supported")
        }
    }
}
