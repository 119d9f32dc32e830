/// Slices whose bounds the graph computes (TorchScript's `chunk`: `Shape` → `Gather` → `Div` → `Mul`
/// of the sliced value) are imported with their `starts`, `ends` and optional `axes` and `steps` as
/// inputs 1…4; inference resolves them into attributes once those inputs are constants.
extension ShapeInference {
    /// `node` with its bound inputs turned into its `SliceAttributes` when it is a Slice that still
    /// has them, else `node` itself. Throws naming the node when a bound is not a constant integer
    /// vector by then.
    static func resolvingSliceBounds(_ node: Node, constants: [String: Tensor]) throws -> Node {
        guard case .slice = node.op, node.inputs.count > 1 else { return node }
        func bounds(_ index: Int, _ operand: String) throws -> [Int]? {
            guard index < node.inputs.count, !node.inputs[index].isEmpty else { return nil }
            guard let value = constants[node.inputs[index]], value.type.elementType == .int64 || value.type.elementType == .int32,
                  value.shape.rank <= 1 else {
                throw node.shapeMismatch("Slice '\(operand)' ('\(node.inputs[index])') is not a constant integer vector once shapes are known")
            }
            return value.int64s.map { Int(max(min($0, Int64(Int32.max)), -Int64(Int32.max))) }
        }
        guard let starts = try bounds(1, "starts"), let ends = try bounds(2, "ends") else {
            throw node.shapeMismatch("Slice has bound inputs but no 'starts' or 'ends'")
        }
        let attributes = SliceAttributes(starts: starts, ends: ends, axes: try bounds(3, "axes") ?? Array(starts.indices),
                                         steps: try bounds(4, "steps") ?? Array(repeating: 1, count: starts.count))
        return Node(name: node.name, op: .slice(attributes), inputs: [node.inputs[0]], outputs: node.outputs)
    }
}
