import IR

/// The text form of a quantized op: every integer parameter as a `name=value` attribute, in the
/// notation of the graph IR (`IRAttributeValue`), and the way back.
///
/// Multipliers are written `fixed(MULTIPLIER,SHIFT)`, rescales `rescale(ZERO_POINT,MULTIPLIER)`, clamps
/// `[LOW,HIGH]`. A list longer than the printer's inline limit is written `elided(COUNT)` (weights as
/// `tensor(TYPE,[SHAPE])` without elements): readable, but not readable back.
extension QuantizedOp {
    /// The attributes in printing order; lists with more than `inlineElementLimit` elements elided.
    package func textAttributes(inlineElementLimit limit: Int) -> [(name: String, value: IRAttributeValue)] {
        switch self {
        case .conv(let conv):
            return Self.windowAttributes(conv.window) + [("group", .int(conv.group))] + Self.convAttributes(conv, limit)
        case .fullyConnected(let conv):
            return Self.convAttributes(conv, limit)
        case .maxPool(let pool), .averagePool(let pool):
            return Self.windowAttributes(pool.window) + [
                ("count_include_pad", .bool(pool.countIncludePad)), ("input_zp", .int(Int(pool.inputZeroPoint))),
                ("output_zp", .int(Int(pool.outputZeroPoint))),
                ("reciprocals", Self.inline(pool.reciprocals.map(Self.fixed), limit)), ("clamp", Self.range(pool.outputClamp)),
            ]
        case .globalAveragePool(let inputZeroPoint, let outputZeroPoint, let reciprocal, let clamp):
            return [("input_zp", .int(Int(inputZeroPoint))), ("output_zp", .int(Int(outputZeroPoint))),
                    ("reciprocal", Self.fixed(reciprocal)), ("clamp", Self.range(clamp))]
        case .globalMaxPool, .reshape:
            return []
        case .add(let inputs, let shift, let outputZeroPoint, let clamp):
            return Self.rescaleAttributes(inputs, shift, outputZeroPoint, clamp)
        case .concat(let axis, let inputs, let shift, let outputZeroPoint, let clamp):
            return [("axis", .int(axis))] + Self.rescaleAttributes(inputs, shift, outputZeroPoint, clamp)
        case .multiply(let aZeroPoint, let bZeroPoint, let multiplier, let shift, let outputZeroPoint, let clamp):
            return [("a_zp", .int(Int(aZeroPoint))), ("b_zp", .int(Int(bZeroPoint))), ("multiplier", .int(Int(multiplier))),
                    ("shift", .int(shift)), ("output_zp", .int(Int(outputZeroPoint))), ("clamp", Self.range(clamp))]
        case .sliceChannels(let start, let count):
            return [("start", .int(start)), ("count", .int(count))]
        case .channelShuffle(let groups):
            return [("groups", .int(groups))]
        case .lookupTable(let table):
            return [("table", Self.inline(table.map { .int(Int($0)) }, limit))]
        case .piecewiseLinearSigmoid(let knots):
            return [("knots", Self.inline(knots.map { .int(Int($0)) }, limit))]
        case .clamp(let range):
            return [("clamp", Self.range(range))]
        case .pad(let pads, let value):
            return [("pads", .ints(pads)), ("value", .int(Int(value)))]
        }
    }

    /// Rebuilds an op from its operator name and attributes, consuming every attribute it reads.
    /// Windows take their input and output `[height, width]` from `inputSize` and `outputSize`.
    package init(operatorName name: String, attributes: inout IRAttributeSet, inputSize: [Int], outputSize: [Int]) throws {
        switch name {
        case "Conv":
            let window = try Self.window(&attributes, inputSize: inputSize, outputSize: outputSize)
            let group = try attributes.required("group").int()
            self = .conv(try Self.conv(&attributes, window: window, group: group))
        case "FullyConnected":
            self = .fullyConnected(try Self.conv(&attributes, window: .pointwise, group: 1))
        case "MaxPool":
            self = .maxPool(try Self.pool(&attributes, inputSize: inputSize, outputSize: outputSize))
        case "AveragePool":
            self = .averagePool(try Self.pool(&attributes, inputSize: inputSize, outputSize: outputSize))
        case "GlobalAveragePool":
            self = .globalAveragePool(
                inputZeroPoint: try Self.int32(attributes.required("input_zp")),
                outputZeroPoint: try Self.int32(attributes.required("output_zp")),
                reciprocal: try Self.fixed(attributes.required("reciprocal")), outputClamp: try Self.range(attributes.required("clamp")))
        case "GlobalMaxPool":
            self = .globalMaxPool
        case "Add":
            self = .add(inputs: try Self.rescales(attributes.required("rescales")), shift: try attributes.required("shift").int(),
                        outputZeroPoint: try Self.int32(attributes.required("output_zp")),
                        outputClamp: try Self.range(attributes.required("clamp")))
        case "Concat":
            self = .concat(axis: try attributes.required("axis").int(), inputs: try Self.rescales(attributes.required("rescales")),
                           shift: try attributes.required("shift").int(),
                           outputZeroPoint: try Self.int32(attributes.required("output_zp")),
                           outputClamp: try Self.range(attributes.required("clamp")))
        case "Multiply":
            self = .multiply(aZeroPoint: try Self.int32(attributes.required("a_zp")), bZeroPoint: try Self.int32(attributes.required("b_zp")),
                             multiplier: Int64(try attributes.required("multiplier").int()), shift: try attributes.required("shift").int(),
                             outputZeroPoint: try Self.int32(attributes.required("output_zp")),
                             outputClamp: try Self.range(attributes.required("clamp")))
        case "SliceChannels":
            self = .sliceChannels(start: try attributes.required("start").int(), count: try attributes.required("count").int())
        case "ChannelShuffle":
            self = .channelShuffle(groups: try attributes.required("groups").int())
        case "LookupTable":
            self = .lookupTable(try Self.items(attributes.required("table"), "table").map { try Self.integer($0) })
        case "PiecewiseLinearSigmoid":
            self = .piecewiseLinearSigmoid(knots: try Self.items(attributes.required("knots"), "knots").map(Self.int32))
        case "Clamp":
            self = .clamp(try Self.range(attributes.required("clamp")))
        case "Reshape":
            self = .reshape
        case "Pad":
            self = .pad(pads: try attributes.required("pads").ints(), value: try Self.int32(attributes.required("value")))
        default:
            throw IRAttributeValue.Problem(detail: "unknown quantized operator '\(name)'")
        }
    }

    private static func windowAttributes(_ window: QuantizedWindow) -> [(name: String, value: IRAttributeValue)] {
        [("kernel", .ints(window.kernel)), ("strides", .ints(window.strides)), ("pads", .ints(window.pads)),
         ("dilations", .ints(window.dilations))]
    }

    private static func convAttributes(_ conv: QuantizedConv, _ limit: Int) -> [(name: String, value: IRAttributeValue)] {
        let weight = conv.weight.shape.elementCount <= limit
            ? conv.weight.textAttribute : .call("tensor", [.word(conv.weight.type.elementType.rawValue), .ints(conv.weight.shape.dims)])
        return [("input_zp", .int(Int(conv.inputZeroPoint))), ("weight", weight),
                ("weight_scales", inline(conv.weightScales.map(IRAttributeValue.float), limit)),
                ("bias", inline(conv.bias.map { .int(Int($0)) }, limit)),
                ("requant", requantization(conv.requantization, limit)), ("output_zp", .int(Int(conv.outputZeroPoint))),
                ("clamp", range(conv.outputClamp))]
    }

    private static func rescaleAttributes(_ inputs: [QuantizedRescale], _ shift: Int, _ outputZeroPoint: Int32,
                                          _ clamp: ClosedRange<Int32>) -> [(name: String, value: IRAttributeValue)] {
        [("rescales", .list(inputs.map { .call("rescale", [.int(Int($0.zeroPoint)), .int(Int($0.multiplier))]) })),
         ("shift", .int(shift)), ("output_zp", .int(Int(outputZeroPoint))), ("clamp", range(clamp))]
    }

    private static func requantization(_ requantization: Requantization, _ limit: Int) -> IRAttributeValue {
        switch requantization {
        case .multiplier(let multipliers): return .call("multiplier", [inline(multipliers.map(fixed), limit)])
        case .shift(let shift): return .call("shift", [.int(shift)])
        case .cuScale(let scale): return .call("cu", [.int(Int(scale))])
        }
    }

    /// `items`, or `elided(COUNT)` when there are more than `limit`.
    private static func inline(_ items: [IRAttributeValue], _ limit: Int) -> IRAttributeValue {
        items.count <= limit ? .list(items) : .call("elided", [.int(items.count)])
    }

    private static func fixed(_ multiplier: FixedPointMultiplier) -> IRAttributeValue {
        .call("fixed", [.int(Int(multiplier.multiplier)), .int(multiplier.shift)])
    }

    private static func range(_ range: ClosedRange<Int32>) -> IRAttributeValue {
        .list([.int(Int(range.lowerBound)), .int(Int(range.upperBound))])
    }

    private static func window(_ attributes: inout IRAttributeSet, inputSize: [Int], outputSize: [Int]) throws -> QuantizedWindow {
        QuantizedWindow(kernel: try attributes.required("kernel").ints(), strides: try attributes.required("strides").ints(),
                        dilations: try attributes.required("dilations").ints(), pads: try attributes.required("pads").ints(),
                        inputSize: inputSize, outputSize: outputSize)
    }

    private static func conv(_ attributes: inout IRAttributeSet, window: QuantizedWindow, group: Int) throws -> QuantizedConv {
        let weight = try attributes.required("weight")
        if case .call("tensor", let parts) = weight, parts.count == 2 {
            throw IRAttributeValue.Problem(detail: "'weight' was elided when printed; print with a larger inline element limit to read it back")
        }
        return QuantizedConv(
            weight: try Tensor(textAttribute: weight), weightScales: try items(attributes.required("weight_scales"), "weight_scales").map { try $0.float() },
            bias: try items(attributes.required("bias"), "bias").map(int32), window: window, group: group,
            inputZeroPoint: try int32(attributes.required("input_zp")), requantization: try requantization(attributes.required("requant")),
            outputZeroPoint: try int32(attributes.required("output_zp")), outputClamp: try range(attributes.required("clamp")))
    }

    private static func pool(_ attributes: inout IRAttributeSet, inputSize: [Int], outputSize: [Int]) throws -> QuantizedPool {
        QuantizedPool(
            window: try window(&attributes, inputSize: inputSize, outputSize: outputSize),
            countIncludePad: try attributes.required("count_include_pad").bool(),
            inputZeroPoint: try int32(attributes.required("input_zp")), outputZeroPoint: try int32(attributes.required("output_zp")),
            reciprocals: try items(attributes.required("reciprocals"), "reciprocals").map(fixed),
            outputClamp: try range(attributes.required("clamp")))
    }

    private static func requantization(_ value: IRAttributeValue) throws -> Requantization {
        switch value {
        case .call("multiplier", let arguments) where arguments.count == 1:
            return .multiplier(try items(arguments[0], "requant multipliers").map(fixed))
        case .call("shift", let arguments) where arguments.count == 1:
            return .shift(try arguments[0].int())
        case .call("cu", let arguments) where arguments.count == 1:
            return .cuScale(try int32(arguments[0]))
        default:
            throw IRAttributeValue.Problem(detail: "expected multiplier([...]), shift(N) or cu(SCALE), found '\(value.text)'")
        }
    }

    private static func rescales(_ value: IRAttributeValue) throws -> [QuantizedRescale] {
        try value.items().map { item in
            guard case .call("rescale", let arguments) = item, arguments.count == 2 else {
                throw IRAttributeValue.Problem(detail: "expected rescale(ZERO_POINT,MULTIPLIER), found '\(item.text)'")
            }
            return QuantizedRescale(zeroPoint: try int32(arguments[0]), multiplier: Int64(try arguments[1].int()))
        }
    }

    /// The items of a list that the printer may have elided.
    private static func items(_ value: IRAttributeValue, _ name: String) throws -> [IRAttributeValue] {
        if case .call("elided", let count) = value {
            throw IRAttributeValue.Problem(
                detail: "'\(name)' was elided when printed (\(count.first?.text ?? "?") values); print with a larger inline element limit to read it back")
        }
        return try value.items()
    }

    private static func fixed(_ value: IRAttributeValue) throws -> FixedPointMultiplier {
        guard case .call("fixed", let arguments) = value, arguments.count == 2 else {
            throw IRAttributeValue.Problem(detail: "expected fixed(MULTIPLIER,SHIFT), found '\(value.text)'")
        }
        let multiplier: Int32 = try integer(arguments[0]), shift = try arguments[1].int()
        guard multiplier >= 0, (0...FixedPointMultiplier.maximumShift).contains(shift) else {
            throw IRAttributeValue.Problem(detail: "fixed(\(multiplier),\(shift)) is outside 0...2^31−1 / 2^(0...\(FixedPointMultiplier.maximumShift))")
        }
        return FixedPointMultiplier(multiplier: multiplier, shift: shift)
    }

    private static func range(_ value: IRAttributeValue) throws -> ClosedRange<Int32> {
        let bounds = try value.items().map(int32)
        guard bounds.count == 2, bounds[0] <= bounds[1] else {
            throw IRAttributeValue.Problem(detail: "expected [LOW,HIGH] with LOW ≤ HIGH, found '\(value.text)'")
        }
        return bounds[0]...bounds[1]
    }

    private static func int32(_ value: IRAttributeValue) throws -> Int32 { try integer(value) }

    private static func integer<T: FixedWidthInteger>(_ value: IRAttributeValue) throws -> T {
        let number = try value.int()
        guard let exact = T(exactly: number) else { throw IRAttributeValue.Problem(detail: "\(number) does not fit \(T.self)") }
        return exact
    }
}
