import IR

/// The quantized network: a float input the host quantizes, layers over named stored integer
/// values in execution order, and outputs the host dequantizes. Values are int8 in every mode but
/// `de1soc-q10`, whose 20-bit values are stored in int32. `IntegerInterpreter` defines what it
/// computes; docs/NUMERICS.md describes each arithmetic mode.
public struct QuantizedGraph: Hashable, Sendable, Codable {
    public var name: String
    public var arithmetic: ArithmeticMode
    public var input: QuantizedInput
    public var layers: [QuantizedLayer]
    public var outputs: [QuantizedOutput]

    public init(name: String, arithmetic: ArithmeticMode, input: QuantizedInput, layers: [QuantizedLayer],
                outputs: [QuantizedOutput]) {
        self.name = name
        self.arithmetic = arithmetic
        self.input = input
        self.layers = layers
        self.outputs = outputs
    }
}
