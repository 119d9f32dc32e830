import IR

/// Renders a `QuantizedGraph` as stable text (`vggc compile --dump-ir=quantize`): one line per
/// layer with its output type, scale and zero point, and its integer parameters summarised
/// (weight type and granularity, multiplier and shift ranges, clamps).
///
/// ```
/// quantized graph tiny arith=default
/// input %x : f32[1,3,8,8] -> i8 scale=0.007843138 zp=-1
/// %y = Conv(%x) {kernel=[3,3], strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1, weight=i8[2,3,3,3] per-channel, bias=i32[2], requant=multiplier[1518500250/2^39..1518500250/2^38], clamp=[-128,127]} : i8[1,2,8,8] scale=0.02 zp=-128  # conv0
/// output %y <- %y scale=0.02 zp=-128
/// ```
public enum QuantizedGraphPrinter {
    /// The text form of `graph`, ending in a newline.
    public static func print(_ graph: QuantizedGraph) -> String {
        var lines = ["quantized graph \(IRPrinter.quoted(graph.name)) arith=\(graph.arithmetic.rawValue)"]
        lines.append("input \(IRPrinter.reference(graph.input.name)) : f32\(Shape(graph.input.dims)) -> "
                     + "\(graph.arithmetic.storageType) \(paramsText(graph.input.params))")
        for layer in graph.layers {
            let (name, attributes) = describe(layer.op)
            let inputs = layer.inputs.map(IRPrinter.reference).joined(separator: ", ")
            let braces = attributes.isEmpty ? "" : " {" + attributes.joined(separator: ", ") + "}"
            lines.append("\(IRPrinter.reference(layer.output)) = \(name)(\(inputs))\(braces) : "
                         + "\(graph.arithmetic.storageType)\(Shape(layer.dims)) \(paramsText(layer.params))  # \(IRPrinter.quoted(layer.name))")
        }
        for output in graph.outputs {
            var line = "output \(IRPrinter.reference(output.name)) <- \(IRPrinter.reference(output.value)) \(paramsText(output.params))"
            if let softmax = output.hostSoftmax { line += " then Softmax(axis=\(softmax.axis)) on the host in f32" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func paramsText(_ params: QuantParams) -> String {
        "scale=\(params.scale) zp=\(params.zeroPoint)"
    }

    /// The op's name and its attributes as printed.
    package static func describe(_ op: QuantizedOp) -> (String, [String]) {
        switch op {
        case .conv(let conv):
            return ("Conv", windowText(conv.window) + ["group=\(conv.group)"] + convText(conv))
        case .fullyConnected(let conv):
            return ("FullyConnected", convText(conv))
        case .maxPool(let pool):
            return ("MaxPool", windowText(pool.window))
        case .averagePool(let pool):
            return ("AveragePool", windowText(pool.window) + ["count_include_pad=\(pool.countIncludePad ? 1 : 0)",
                                                             "reciprocals=\(multipliersText(pool.reciprocals))"])
        case .globalAveragePool(_, _, let reciprocal, _):
            return ("GlobalAveragePool", ["reciprocal=\(reciprocal)"])
        case .globalMaxPool:
            return ("GlobalMaxPool", [])
        case .add(let inputs, let shift, _, let clamp):
            return ("Add", ["multipliers=\(listText(inputs.map(\.multiplier)))", "shift=\(shift)", "clamp=\(rangeText(clamp))"])
        case .concat(let axis, let inputs, let shift, _, let clamp):
            return ("Concat", ["axis=\(axis)", "multipliers=\(listText(inputs.map(\.multiplier)))", "shift=\(shift)",
                               "clamp=\(rangeText(clamp))"])
        case .lookupTable(let table):
            return ("LookupTable", ["table=[\(table.first ?? 0)..\(table.last ?? 0)]"])
        case .piecewiseLinearSigmoid(let knots):
            return ("PiecewiseLinearSigmoid", ["segments=\(knots.count - 1)"])
        case .clamp(let range):
            return ("Clamp", ["clamp=\(rangeText(range))"])
        case .reshape:
            return ("Reshape", [])
        case .pad(let pads, let value):
            return ("Pad", ["pads=\(listText(pads))", "value=\(value)"])
        }
    }

    private static func windowText(_ window: QuantizedWindow) -> [String] {
        ["kernel=\(listText(window.kernel))", "strides=\(listText(window.strides))", "pads=\(listText(window.pads))",
         "dilations=\(listText(window.dilations))"]
    }

    private static func convText(_ conv: QuantizedConv) -> [String] {
        let granularity = conv.weightScales.count == 1 ? "per-tensor" : "per-channel"
        return ["weight=\(conv.weight.type) \(granularity)", "bias=i32[\(conv.bias.count)]",
                "requant=\(requantizationText(conv.requantization))", "clamp=\(rangeText(conv.outputClamp))"]
    }

    private static func requantizationText(_ requantization: Requantization) -> String {
        switch requantization {
        case .multiplier(let multipliers): return "multiplier\(multipliersText(multipliers))"
        case .shift(let shift): return "shift(\(shift))"
        case .cuScale(let scale): return "cu(\(scale)>>16)"
        }
    }

    /// The smallest and largest multiplier by real value, or the single one.
    private static func multipliersText(_ multipliers: [FixedPointMultiplier]) -> String {
        let sorted = multipliers.sorted { ($0.realValue, $0.shift) < ($1.realValue, $1.shift) }
        guard let first = sorted.first, let last = sorted.last else { return "[]" }
        return first == last ? "[\(first)]" : "[\(first)..\(last)]"
    }

    private static func rangeText(_ range: ClosedRange<Int32>) -> String {
        "[\(range.lowerBound),\(range.upperBound)]"
    }

    private static func listText<Element>(_ values: [Element]) -> String {
        "[" + values.map { "\($0)" }.joined(separator: ",") + "]"
    }
}
