/// Nodes that a pass removes from a graph in one sweep, each replaced by its first input (the node
/// passes its input through unchanged: an `Identity`, a reshape to the same shape). Removing them
/// one at a time would rescan every node per removal (quadratic on long chains); the pass records
/// each bypass here instead and applies them all at the end (linear).
///
/// When a removed node's output is a graph output, the producer of its input is renamed to produce
/// that output instead, so the graph keeps its output names.
package struct NodeBypasses {
    /// Where each removed node's output (or a renamed producer's old output) is now read from.
    private var replacement: [String: String] = [:]
    /// Indices of the removed nodes in the graph the pass started from.
    private var removed: Set<Int> = []
    /// The producer of each value, kept current through renames.
    private var producers: [String: Int]
    /// Every value some node reads or the graph outputs.
    private let read: Set<String>

    /// Bypasses for `graph`, whose node indices they refer to until `apply(to:)`.
    package init(_ graph: Graph) {
        producers = graph.producers()
        read = Set(graph.nodes.flatMap(\.inputs)).union(graph.outputs)
    }

    /// The value `value` is read from once the recorded bypasses are applied.
    package func resolve(_ value: String) -> String {
        var current = value
        while let next = replacement[current] { current = next }
        return current
    }

    /// The index of the node producing `value` (after resolving it), if a node does.
    package func producer(of value: String) -> Int? {
        producers[resolve(value)]
    }

    /// Records the removal of the node at `index`. Returns `false`, recording nothing, when that is
    /// impossible: the node's other outputs are in use, or its output is a graph output and its
    /// input is a graph input, an initializer or itself a graph output. Renames the input's producer
    /// in `graph` when the output is a graph output.
    package mutating func bypass(at index: Int, in graph: inout Graph) -> Bool {
        let node = graph.nodes[index]
        let source = resolve(node.inputs[0]), result = node.outputs[0]
        guard !node.outputs.dropFirst().contains(where: { !$0.isEmpty && read.contains($0) }) else { return false }
        if graph.outputs.contains(result) {
            guard !graph.outputs.contains(source), let producer = producers[source] else { return false }
            graph.nodes[producer].outputs = graph.nodes[producer].outputs.map { $0 == source ? result : $0 }
            graph.types[result] = graph.types[source]
            producers[result] = producer
        }
        let (from, to) = graph.outputs.contains(result) ? (source, result) : (result, source)
        replacement[from] = to
        removed.insert(index)
        return true
    }

    /// Removes the recorded nodes, points every read at its resolved value and drops the
    /// initializers only the removed nodes read.
    package func apply(to graph: inout Graph) {
        let removedInputs = removed.sorted().flatMap { graph.nodes[$0].inputs }
        graph.nodes = graph.nodes.indices.filter { !removed.contains($0) }.map { index in
            var node = graph.nodes[index]
            node.inputs = node.inputs.map(resolve)
            return node
        }
        graph.dropUnreadInitializers(removedInputs)
    }
}
