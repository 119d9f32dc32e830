import IR

/// The quantizer's rules applied to a canonical float graph without calibrating: every node the
/// quantizer would refuse, all at once. Every float value gets the placeholder range -1...1, so the
/// rules that depend on the graph alone (operators, attributes, constant weights and biases, shapes,
/// the arithmetic mode) are checked by the very code `Quantizer.quantize` runs; the scales are
/// meaningless and only the structure of `graph` is meant for the backend's rules.
public struct QuantizationCheck: Sendable {
    /// The nodes the quantizer refuses, in graph order.
    public private(set) var problems: [CapabilityProblem] = []
    /// The placeholder-quantized graph when nothing was refused.
    public private(set) var graph: QuantizedGraph?
    /// Without the weights' values: the sum of the stored weights' magnitudes of each output channel
    /// of every convolution and fully-connected layer, by layer name (what the backend's accumulator
    /// rule reads of them).
    public private(set) var weightMagnitudes: [String: [Int64]] = [:]

    /// The placeholder range of every float value.
    public static let placeholderRange: ClosedRange<Float> = -1...1

    /// Checks `canonical` (after the graph pass pipeline) under `options`. Without
    /// `keepingWeightValues` the graph's convolution and fully-connected weights have no values
    /// (`[M, 0, …]`) and `weightMagnitudes` holds what the backend reads of them: the check then never
    /// holds an int8 copy of the weights beside the float ones (VGG16's would add 132 MiB).
    public init(canonical: Graph, options: QuantizationOptions, keepingWeightValues: Bool = true) {
        let ranges = Dictionary(uniqueKeysWithValues: canonical.types.compactMap { name, type in
            type.elementType == .float32 ? (name, Self.placeholderRange) : nil
        })
        do {
            var builder = try QuantizedGraphBuilder(graph: canonical, ranges: ranges, options: options)
            builder.keepsWeightValues = keepingWeightValues
            problems = builder.addRecordingProblems(canonical.nodes)
            if problems.isEmpty { graph = try builder.finish() }
            weightMagnitudes = builder.weightMagnitudes
        } catch {
            problems.append(CapabilityProblem(stage: .quantize, node: "", op: "<model>", error: error))
        }
    }
}
