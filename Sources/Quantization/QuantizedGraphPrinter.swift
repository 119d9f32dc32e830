import IR

/// Renders a `QuantizedGraph` as stable text (`vggc compile --dump-ir=quantize`, and the first part
/// of every scheduled program dump): one line per layer with every integer parameter, its output
/// type, scale and zero point. `QuantizedGraphParser` reads it back when no list was elided.
///
/// ```
/// quantized graph tiny arith=default
/// input %x : f32[1,3,8,8] -> i8 scale=0.007843138 zp=-1
/// %y = Conv(%x) {kernel=[3,3], strides=[1,1], pads=[1,1,1,1], dilations=[1,1], group=1, input_zp=-1, weight=tensor(i8,[2,3,3,3]), weight_scales=[0.5,0.25], bias=[1,2], requant=multiplier([fixed(1518500250,39),fixed(1518500250,38)]), output_zp=-128, clamp=[-128,127]} : i8[1,2,8,8] scale=0.02 zp=-128  # conv0
/// output %y <- %y scale=0.02 zp=-128
/// ```
///
/// Lists (weights, biases, scales, multipliers, tables) with more than `inlineElementLimit`
/// elements are elided (`elided(COUNT)`, weights without elements).
public enum QuantizedGraphPrinter {
    /// Lists with at most this many elements are printed in full by default.
    public static let defaultInlineElementLimit = 8

    /// The text form of `graph`, ending in a newline.
    public static func print(_ graph: QuantizedGraph, inlineElementLimit: Int = defaultInlineElementLimit) -> String {
        var lines = ["quantized graph \(IRPrinter.quoted(graph.name)) arith=\(graph.arithmetic.rawValue)"]
        lines.append("input \(IRPrinter.reference(graph.input.name)) : f32\(Shape(graph.input.dims)) -> "
                     + "\(graph.arithmetic.storageType) \(paramsText(graph.input.params))")
        for layer in graph.layers {
            let attributes = layer.op.textAttributes(inlineElementLimit: inlineElementLimit)
            let inputs = layer.inputs.map(IRPrinter.reference).joined(separator: ", ")
            let braces = attributes.isEmpty ? "" : " {" + attributes.map { "\($0.name)=\($0.value.text)" }.joined(separator: ", ") + "}"
            lines.append("\(IRPrinter.reference(layer.output)) = \(layer.op.operatorName)(\(inputs))\(braces) : "
                         + "\(graph.arithmetic.storageType)\(Shape(layer.dims)) \(paramsText(layer.params))  # \(IRPrinter.quoted(layer.name))")
        }
        for output in graph.outputs {
            var line = "output \(IRPrinter.reference(output.name)) <- \(IRPrinter.reference(output.value)) \(paramsText(output.params))"
            if let softmax = output.hostSoftmax {
                line += " then Softmax(axis=\(softmax.axis), coerce_2d=\(softmax.coerce2D)) on the host in f32"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func paramsText(_ params: QuantParams) -> String {
        "scale=\(IRAttributeValue.float(params.scale).text) zp=\(params.zeroPoint)"
    }
}
