extension Node {
    /// A `shapeMismatch` error naming this node and its op.
    package func shapeMismatch(_ detail: String) -> IRError {
        .shapeMismatch(node: name, op: op.operatorName, detail: detail)
    }

    /// An `invalidOperand` error naming this node and its op.
    package func invalidOperand(_ detail: String) -> IRError {
        .invalidOperand(node: name, op: op.operatorName, detail: detail)
    }

    /// A `typeMismatch` error naming this node and its op.
    package func typeMismatch(expected: String, found: DataType) -> IRError {
        .typeMismatch(node: name, op: op.operatorName, expected: expected, found: found)
    }
}
