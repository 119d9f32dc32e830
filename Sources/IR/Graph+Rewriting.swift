/// Queries and edits the rewriting passes share. They keep the graph valid but leave `types` of
/// removed values behind; the pipeline's shape inference rebuilds `types` after every pass.
extension Graph {
    /// Offers every node, in order, to `rewrite`. When `rewrite` returns true it has removed the node
    /// at that index, so the node that moved into the index is offered next.
    package func rewritingNodes(_ rewrite: (_ index: Int, _ graph: inout Graph) -> Bool) -> Graph {
        var result = self
        var index = 0
        while index < result.nodes.count {
            if !rewrite(index, &result) { index += 1 }
        }
        return result
    }

    /// For each value, the indices of the nodes that read it (once per reading node).
    package func readers() -> [String: [Int]] {
        var readers: [String: [Int]] = [:]
        for (index, node) in nodes.enumerated() {
            for input in Set(node.inputs) where !input.isEmpty { readers[input, default: []].append(index) }
        }
        return readers
    }

    /// For each value some node reads, the index of the last node that reads it: where a run or a
    /// pass may release it.
    package func lastReaders() -> [String: Int] {
        var lastReaders: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for input in node.inputs where !input.isEmpty { lastReaders[input] = index }
        }
        return lastReaders
    }

    /// For each node output, the index of the node producing it.
    package func producers() -> [String: Int] {
        var producers: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for output in node.outputs where !output.isEmpty { producers[output] = index }
        }
        return producers
    }

    /// The index of the node before `index` that produces `value`, found by scanning back from
    /// `index` (nodes are in topological order, so a producer usually sits just before its reader:
    /// a pass asking this once per node stays linear on chains, where `producers()` per node would
    /// be quadratic).
    package func producerIndex(of value: String, before index: Int) -> Int? {
        nodes[..<index].lastIndex { $0.outputs.contains(value) }
    }

    /// Whether `value` feeds only the node at `reader` and is not a graph output, so that a pass may
    /// merge its producer into that node. Stops at the first other reader.
    package func isPrivate(_ value: String, to reader: Int) -> Bool {
        !outputs.contains(value) && nodes[reader].inputs.contains(value)
            && !nodes.indices.contains { $0 != reader && nodes[$0].inputs.contains(value) }
    }

    /// The float initializer named `value`, if it is one.
    package func floatConstant(_ value: String) -> Tensor? {
        guard let tensor = initializers[value], tensor.type.elementType == .float32 else { return nil }
        return tensor
    }

    /// A value name nothing in the graph uses yet: `base`, else `base_1`, `base_2`, ….
    package func unusedValueName(_ base: String) -> String {
        let taken = Set(inputs.map(\.name)).union(initializers.keys).union(types.keys)
            .union(nodes.flatMap(\.outputs))
        var candidate = base
        var suffix = 0
        while taken.contains(candidate) {
            suffix += 1
            candidate = "\(base)_\(suffix)"
        }
        return candidate
    }

    /// Sets input `inputIndex` of the node at `nodeIndex` (appending it if the node has fewer inputs)
    /// to the constant `tensor`. Nothing changes when it already reads that tensor; the initializer it
    /// read is overwritten in place when only that node reads it; otherwise a new initializer named
    /// after `baseName` is added.
    package mutating func setConstantInput(_ inputIndex: Int, ofNodeAt nodeIndex: Int, to tensor: Tensor, baseName: String) {
        let current = inputIndex < nodes[nodeIndex].inputs.count ? nodes[nodeIndex].inputs[inputIndex] : ""
        let overwritable = isPrivate(current, to: nodeIndex)
        setConstantInput(inputIndex, ofNodeAt: nodeIndex, to: tensor, baseName: baseName) { _ in overwritable }
    }

    /// As `setConstantInput(_:ofNodeAt:to:baseName:)`, asking `isPrivate` whether only that node
    /// reads a value (a pass that keeps its own reader index answers without scanning the graph).
    /// Returns the name of the initializer the node now reads.
    @discardableResult
    package mutating func setConstantInput(_ inputIndex: Int, ofNodeAt nodeIndex: Int, to tensor: Tensor, baseName: String,
                                           isPrivate: (String) -> Bool) -> String {
        let current = inputIndex < nodes[nodeIndex].inputs.count ? nodes[nodeIndex].inputs[inputIndex] : ""
        if initializers[current] == tensor { return current }
        let name = initializers[current] != nil && isPrivate(current) ? current : unusedValueName(baseName)
        initializers[name] = tensor
        types[name] = tensor.type
        while nodes[nodeIndex].inputs.count <= inputIndex { nodes[nodeIndex].inputs.append("") }
        nodes[nodeIndex].inputs[inputIndex] = name
        return name
    }

    /// Removes the initializers among `names` that no node reads and that are not graph outputs.
    package mutating func dropUnreadInitializers(_ names: [String]) {
        let read = Set(nodes.flatMap(\.inputs)).union(outputs)
        for name in names where !read.contains(name) { initializers[name] = nil }
    }
}
