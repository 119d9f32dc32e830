import IR

/// The runtime inputs of the graph: their support issues and their binding to static types.
extension ONNXImporter {
    /// Runtime inputs that are not tensors, have no shape, or have an unsupported element type.
    func inputIssues() -> [SupportIssue] {
        file.structure.runtimeInputs.compactMap { input -> SupportIssue? in
            do throws(UnsupportedFeature) {
                _ = try Self.tensorType(of: input)
                return nil
            } catch {
                return SupportIssue(node: input.name, opType: "<graph input>", reason: error.reason)
            }
        }
    }

    /// The runtime inputs with every open dim bound: to its `dimensionBindings` entry, else to
    /// `defaultDimension`.
    func boundInputs(_ options: ImportOptions) throws -> [ValueInfo] {
        try file.structure.runtimeInputs.map { input in
            let tensor = try Self.tensorType(of: input)
            let dims = try tensor.shape.dim.map { dim -> Int in
                if case .dimValue(let extent)? = dim.value { return Int(extent) }
                let parameter = dim.dimParam
                let extent = options.dimensionBindings[parameter] ?? options.defaultDimension
                guard extent > 0 else {
                    throw FrontendError.invalidGraphInput(name: input.name, detail: "dimension '\(parameter)' is bound to \(extent); it must be positive")
                }
                return extent
            }
            guard Self.elementCountFits(dims) else {
                throw FrontendError.invalidGraphInput(name: input.name, detail: "shape \(dims) holds too many elements")
            }
            // `tensorType` accepted the element type, so the lookup succeeds.
            let elementType = ONNXElementType.dataType(tensor.elemType) ?? .float32
            return ValueInfo(name: input.name, type: TensorType(elementType, Shape(dims)))
        }
    }

    /// The input's tensor type after checking vggc can represent it.
    private static func tensorType(of input: Onnx_ValueInfoProto) throws(UnsupportedFeature) -> Onnx_TypeProto.Tensor {
        guard case .tensorType(let tensor)? = input.type.value else {
            throw UnsupportedFeature("the input is not a tensor")
        }
        guard ONNXElementType.dataType(tensor.elemType) != nil else {
            throw UnsupportedFeature("unsupported data type \(ONNXElementType.name(tensor.elemType))")
        }
        guard tensor.hasShape else { throw UnsupportedFeature("the input has no shape (unknown rank)") }
        if let negative = tensor.shape.dim.first(where: { $0.dimValue < 0 }) {
            throw UnsupportedFeature("the input has a negative extent \(negative.dimValue)")
        }
        guard elementCountFits(tensor.shape.dim.map { Int($0.dimValue) }) else {
            throw UnsupportedFeature("the input's extents \(tensor.shape.dim.map(\.dimValue)) hold too many elements")
        }
        return tensor
    }

    /// True when a tensor of `dims` has at most 2^48 elements, far beyond any real input but small
    /// enough that byte counts and strides cannot overflow.
    private static func elementCountFits(_ dims: [Int]) -> Bool {
        var count = 1
        for extent in dims where extent > 0 {
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow, product <= 1 << 48 else { return false }
            count = product
        }
        return true
    }
}
