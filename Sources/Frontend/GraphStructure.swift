/// The checked structure of an ONNX graph: every value defined once, every read value defined, and
/// the nodes in topological order (sorted here when the file lists them otherwise).
struct GraphStructure: Sendable {
    /// The nodes in a topological order; among the valid orders, the one closest to file order.
    let nodes: [ONNXNode]
    /// Graph inputs that are not initializers: the values the caller supplies at run time.
    let runtimeInputs: [Onnx_ValueInfoProto]

    /// Checks `graph` (from the file at `path`, named in errors) and sorts its nodes.
    init(_ graph: Onnx_GraphProto, path: String) throws {
        let named = ONNXNode.named(graph.node)
        let initializers = try Self.initializerNames(graph)
        runtimeInputs = graph.input.filter { !initializers.contains($0.name) }
        guard !runtimeInputs.isEmpty else { throw FrontendError.emptyGraph(path: path, detail: "the graph has no inputs") }
        guard !graph.output.isEmpty else { throw FrontendError.emptyGraph(path: path, detail: "the graph has no outputs") }
        let producers = try Self.producers(named, initializers: initializers, inputs: runtimeInputs)
        try Self.checkReads(named, graph: graph, initializers: initializers, producers: producers)
        nodes = try Self.topologicalOrder(named, producers: producers)
    }

    /// Names of the initializers (dense and sparse); each may appear only once.
    private static func initializerNames(_ graph: Onnx_GraphProto) throws -> Set<String> {
        var names = Set<String>()
        for name in graph.initializer.map(\.name) + graph.sparseInitializer.map(\.values.name) {
            guard !name.isEmpty else { throw FrontendError.invalidTensor(tensor: name, detail: "an initializer has no name") }
            guard names.insert(name).inserted else { throw FrontendError.duplicateDefinition(value: name) }
        }
        return names
    }

    /// The producing node's position (in `nodes`) of every node output. Throws when a value is
    /// defined twice.
    private static func producers(_ nodes: [ONNXNode], initializers: Set<String>,
                                  inputs: [Onnx_ValueInfoProto]) throws -> [String: Int] {
        var defined = initializers
        for input in inputs {
            guard defined.insert(input.name).inserted else { throw FrontendError.duplicateDefinition(value: input.name) }
        }
        var producers: [String: Int] = [:]
        for (position, node) in nodes.enumerated() {
            for output in node.proto.output where !output.isEmpty {
                guard defined.insert(output).inserted else { throw FrontendError.duplicateDefinition(value: output) }
                producers[output] = position
            }
        }
        return producers
    }

    /// Throws for the first node input or graph output (in file order) that nothing defines.
    private static func checkReads(_ nodes: [ONNXNode], graph: Onnx_GraphProto, initializers: Set<String>,
                                   producers: [String: Int]) throws {
        let inputs = Set(graph.input.map(\.name))
        func isDefined(_ name: String) -> Bool {
            producers[name] != nil || initializers.contains(name) || inputs.contains(name)
        }
        for node in nodes {
            if let missing = node.proto.input.first(where: { !$0.isEmpty && !isDefined($0) }) {
                throw FrontendError.undefinedValue(node: node.name, value: missing)
            }
        }
        if let missing = graph.output.map(\.name).first(where: { !isDefined($0) }) {
            throw FrontendError.undefinedValue(node: "<graph output>", value: missing)
        }
    }

    /// Kahn's algorithm, always taking the ready node that comes first in the file; throws
    /// `FrontendError.cycle` naming a node on a cycle when some node never becomes ready.
    private static func topologicalOrder(_ nodes: [ONNXNode], producers: [String: Int]) throws -> [ONNXNode] {
        let dependencies = nodes.map { node in Set(node.proto.input.compactMap { producers[$0] }) }
        var consumers = [[Int]](repeating: [], count: nodes.count)
        for (position, sources) in dependencies.enumerated() {
            for source in sources { consumers[source].append(position) }
        }
        var waitingOn = dependencies.map(\.count)
        // Ready positions, sorted descending so that the first in file order is popped last.
        var ready = waitingOn.indices.filter { waitingOn[$0] == 0 }.reversed() as [Int]
        var order: [ONNXNode] = []
        order.reserveCapacity(nodes.count)
        while let position = ready.popLast() {
            order.append(nodes[position])
            for consumer in consumers[position] {
                waitingOn[consumer] -= 1
                if waitingOn[consumer] == 0 {
                    let slot = ready.firstIndex { $0 < consumer } ?? ready.endIndex
                    ready.insert(consumer, at: slot)
                }
            }
        }
        guard order.count == nodes.count else {
            throw FrontendError.cycle(node: nodes[nodeOnCycle(dependencies: dependencies, waitingOn: waitingOn)].name)
        }
        return order
    }

    /// A node on a cycle among the nodes still waiting: following unfinished dependencies from any
    /// waiting node must revisit one.
    private static func nodeOnCycle(dependencies: [Set<Int>], waitingOn: [Int]) -> Int {
        var current = waitingOn.firstIndex { $0 > 0 } ?? 0
        var visited = Set<Int>()
        while visited.insert(current).inserted {
            guard let next = dependencies[current].sorted().first(where: { waitingOn[$0] > 0 }) else { break }
            current = next
        }
        return current
    }
}
