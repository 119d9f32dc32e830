/// The IR text form of an op: its attributes as `name=value` pairs, and the way back.
extension Op {
    /// The attributes in printing order; an absent optional attribute is left out.
    package var textAttributes: [(name: String, value: IRAttributeValue)] {
        switch self {
        case .conv(let attributes):
            return [("kernel", .ints(attributes.kernelShape)), ("strides", .ints(attributes.strides)),
                    ("pads", attributes.padding.textAttribute), ("dilations", .ints(attributes.dilations)),
                    ("group", .int(attributes.group))] + Self.activationAttributes(attributes.activation)
        case .fullyConnected(let activation):
            return Self.activationAttributes(activation)
        case .maxPool(let attributes), .averagePool(let attributes):
            return [("kernel", .ints(attributes.kernelShape)), ("strides", .ints(attributes.strides)),
                    ("pads", attributes.padding.textAttribute), ("dilations", .ints(attributes.dilations)),
                    ("ceil_mode", .bool(attributes.ceilMode)),
                    ("count_include_pad", .bool(attributes.countIncludePad))]
        case .globalAveragePool, .globalMaxPool, .relu, .sigmoid, .tanh, .hardSwish, .matMul, .add, .sub, .mul,
             .div, .dropout, .identity:
            return []
        case .hardSigmoid(let alpha, let beta):
            return [("alpha", .float(alpha)), ("beta", .float(beta))]
        case .swish(let alpha):
            return [("alpha", .float(alpha))]
        case .reduceMean(let axes, let keepDims):
            return (axes.map { [("axes", .ints($0))] } ?? []) + [("keep_dims", .bool(keepDims))]
        case .leakyRelu(let alpha):
            return [("alpha", .float(alpha))]
        case .clip(let low, let high):
            return [("min", .float(low)), ("max", .float(high))]
        case .softmax(let axis, let coerce2D):
            return [("axis", .int(axis)), ("coerce_2d", .bool(coerce2D))]
        case .lrn(let attributes):
            return [("size", .int(attributes.size)), ("alpha", .float(attributes.alpha)),
                    ("beta", .float(attributes.beta)), ("bias", .float(attributes.bias))]
        case .batchNormalization(let epsilon):
            return [("epsilon", .float(epsilon))]
        case .gemm(let attributes):
            return [("alpha", .float(attributes.alpha)), ("beta", .float(attributes.beta)),
                    ("trans_a", .bool(attributes.transA)), ("trans_b", .bool(attributes.transB))]
        case .concat(let axis), .flatten(let axis), .gather(let axis), .quantizeLinear(let axis),
             .dequantizeLinear(let axis):
            return [("axis", .int(axis))]
        case .reshape(let allowZero):
            return [("allow_zero", .bool(allowZero))]
        case .transpose(let perm):
            return perm.map { [("perm", .ints($0))] } ?? []
        case .squeeze(let axes):
            return axes.map { [("axes", .ints($0))] } ?? []
        case .unsqueeze(let axes):
            return [("axes", .ints(axes))]
        case .pad(let mode, let pads, let value):
            return [("mode", .word(mode.rawValue)), ("pads", .ints(pads)), ("value", .float(value))]
        case .slice(let attributes):
            return [("starts", .ints(attributes.starts)), ("ends", .ints(attributes.ends)), ("axes", .ints(attributes.axes)),
                    ("steps", .ints(attributes.steps))]
        case .split(let axis, let sizes):
            return [("axis", .int(axis))] + (sizes.map { [("sizes", .ints($0))] } ?? [])
        case .channelShuffle(let groups):
            return [("groups", .int(groups))]
        case .constantOfShape(let value):
            return [("value", value.textAttribute)]
        case .shape(let start, let end):
            return [("start", .int(start))] + (end.map { [("end", .int($0))] } ?? [])
        case .cast(let type):
            return [("to", .word(type.rawValue))]
        }
    }

    private static func activationAttributes(_ activation: Activation?) -> [(name: String, value: IRAttributeValue)] {
        activation.map { [("act", $0.textAttribute)] } ?? []
    }

    /// Rebuilds an op from its operator name (`Op.operatorName`) and text-form attributes,
    /// consuming every attribute it reads.
    package init(operatorName name: String, attributes: inout IRAttributeSet) throws {
        switch name {
        case "Conv":
            self = .conv(ConvAttributes(
                kernelShape: try attributes.required("kernel").ints(),
                strides: try attributes.required("strides").ints(),
                dilations: try attributes.required("dilations").ints(),
                padding: try Padding(textAttribute: attributes.required("pads")),
                group: try attributes.required("group").int(),
                activation: try attributes.optional("act").map(Activation.init(textAttribute:))))
        case "FullyConnected":
            self = .fullyConnected(activation: try attributes.optional("act").map(Activation.init(textAttribute:)))
        case "MaxPool": self = .maxPool(try Self.poolAttributes(&attributes))
        case "AveragePool": self = .averagePool(try Self.poolAttributes(&attributes))
        case "GlobalAveragePool": self = .globalAveragePool
        case "GlobalMaxPool": self = .globalMaxPool
        case "ReduceMean":
            self = .reduceMean(axes: try attributes.optional("axes")?.ints(), keepDims: try attributes.required("keep_dims").bool())
        case "Relu": self = .relu
        case "LeakyRelu": self = .leakyRelu(alpha: try attributes.required("alpha").float())
        case "Clip":
            self = .clip(min: try attributes.required("min").float(), max: try attributes.required("max").float())
        case "Sigmoid": self = .sigmoid
        case "Tanh": self = .tanh
        case "HardSigmoid":
            self = .hardSigmoid(alpha: try attributes.required("alpha").float(), beta: try attributes.required("beta").float())
        case "HardSwish": self = .hardSwish
        case "Swish": self = .swish(alpha: try attributes.required("alpha").float())
        case "Softmax":
            self = .softmax(axis: try attributes.required("axis").int(),
                            coerce2D: try attributes.required("coerce_2d").bool())
        case "LRN":
            self = .lrn(LRNAttributes(
                size: try attributes.required("size").int(), alpha: try attributes.required("alpha").float(),
                beta: try attributes.required("beta").float(), bias: try attributes.required("bias").float()))
        case "BatchNormalization": self = .batchNormalization(epsilon: try attributes.required("epsilon").float())
        case "Gemm":
            self = .gemm(GemmAttributes(
                alpha: try attributes.required("alpha").float(), beta: try attributes.required("beta").float(),
                transA: try attributes.required("trans_a").bool(), transB: try attributes.required("trans_b").bool()))
        case "MatMul": self = .matMul
        case "Add": self = .add
        case "Sub": self = .sub
        case "Mul": self = .mul
        case "Div": self = .div
        case "Concat": self = .concat(axis: try attributes.required("axis").int())
        case "Flatten": self = .flatten(axis: try attributes.required("axis").int())
        case "Reshape": self = .reshape(allowZero: try attributes.required("allow_zero").bool())
        case "Transpose": self = .transpose(perm: try attributes.optional("perm")?.ints())
        case "Squeeze": self = .squeeze(axes: try attributes.optional("axes")?.ints())
        case "Unsqueeze": self = .unsqueeze(axes: try attributes.required("axes").ints())
        case "Pad":
            let modeWord = try attributes.required("mode").word()
            guard let mode = PadMode(rawValue: modeWord) else {
                throw IRAttributeValue.Problem(detail: "unknown pad mode '\(modeWord)'")
            }
            self = .pad(mode: mode, pads: try attributes.required("pads").ints(),
                        value: try attributes.required("value").float())
        case "Slice":
            self = .slice(SliceAttributes(
                starts: try attributes.required("starts").ints(), ends: try attributes.required("ends").ints(),
                axes: try attributes.required("axes").ints(), steps: try attributes.required("steps").ints()))
        case "Split": self = .split(axis: try attributes.required("axis").int(), sizes: try attributes.optional("sizes")?.ints())
        case "ChannelShuffle": self = .channelShuffle(groups: try attributes.required("groups").int())
        case "Dropout": self = .dropout
        case "Identity": self = .identity
        case "ConstantOfShape": self = .constantOfShape(value: try Tensor(textAttribute: attributes.required("value")))
        case "Shape":
            self = .shape(start: try attributes.required("start").int(), end: try attributes.optional("end")?.int())
        case "Gather": self = .gather(axis: try attributes.required("axis").int())
        case "Cast": self = .cast(to: try DataType(textWord: attributes.required("to").word()))
        case "QuantizeLinear": self = .quantizeLinear(axis: try attributes.required("axis").int())
        case "DequantizeLinear": self = .dequantizeLinear(axis: try attributes.required("axis").int())
        default:
            throw IRAttributeValue.Problem(detail: "unknown operator '\(name)'")
        }
    }

    private static func poolAttributes(_ attributes: inout IRAttributeSet) throws -> PoolAttributes {
        PoolAttributes(
            kernelShape: try attributes.required("kernel").ints(),
            strides: try attributes.required("strides").ints(),
            dilations: try attributes.required("dilations").ints(),
            padding: try Padding(textAttribute: attributes.required("pads")),
            ceilMode: try attributes.required("ceil_mode").bool(),
            countIncludePad: try attributes.required("count_include_pad").bool())
    }
}
