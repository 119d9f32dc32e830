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

    /// The placeholder range of every float value.
    public static let placeholderRange: ClosedRange<Float> = -1...1

    /// Checks `canonical` (after the graph pass pipeline) under `options`. `keeping` sees each layer
    /// as it is quantized and returns what the placeholder graph keeps of it: a caller that checks
    /// the weights' values itself can drop them there, so that the check never holds an int8 copy
    /// of every weight beside the float ones.
    public init(canonical: Graph, options: QuantizationOptions, keeping: (QuantizedLayer) -> QuantizedLayer = { $0 }) {
        let ranges = Dictionary(uniqueKeysWithValues: canonical.types.compactMap { name, type in
            type.elementType == .float32 ? (name, Self.placeholderRange) : nil
        })
        do {
            var builder = try QuantizedGraphBuilder(graph: canonical, ranges: ranges, options: options)
            problems = builder.addRecordingProblems(canonical.nodes, keeping: keeping)
            if problems.isEmpty { graph = try builder.finish() }
        } catch {
            problems.append(CapabilityProblem(stage: .quantize, node: "", op: "<model>", error: error))
        }
    }
}
