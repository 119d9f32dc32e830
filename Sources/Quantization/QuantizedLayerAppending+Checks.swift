import IR

/// Numeric inputs a quantizer cannot give integers to, refused with the node's name instead of
/// trapping in a conversion.
extension QuantizedLayerAppending {
    /// Refuses a node one of whose inputs or outputs has no elements (a zero-size dimension).
    package func requireElements(_ node: Node) throws {
        for value in node.inputs + node.outputs where !value.isEmpty {
            guard let type = graph.types[value], type.shape.elementCount == 0 else { continue }
            throw refuse(node, "'\(value)' has shape \(type.shape), with no elements")
        }
    }

    /// Refuses a node whose constant operand `operand` holds NaN or an infinity.
    package func requireFinite(_ values: [Float], _ operand: String, of node: Node) throws {
        // An infinity or NaN has every exponent bit set: the largest exponent field of a block is
        // an integer maximum, which vectorizes, and the blocks run on every processor.
        let exponent = Float.infinity.bitPattern
        let largest = ParallelMap.map(blocksOf: values.count) { block in
            values.withUnsafeBufferPointer { buffer in block.reduce(UInt32(0)) { max($0, buffer[$1].bitPattern & exponent) } }
        }
        guard largest.contains(exponent), let index = values.firstIndex(where: { !$0.isFinite }) else { return }
        throw refuse(node, "its \(operand) holds \(values[index]) at element \(index)")
    }
}
