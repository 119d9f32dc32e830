import IR

/// The flatten-by-reshape chain PyTorch exporters emit: `Shape`→`Gather(0)`→`Unsqueeze`, concatenated
/// with `[-1]`, feeding `Reshape`. Reads graph input `x`, writes `y`.
public enum ShapeChain {
    public static let initializers: [String: Tensor] = [
        "zero": Tensor(shape: [], int64s: [0]),
        "minusOne": Tensor(shape: [1], int64s: [-1]),
    ]

    public static let nodes: [Node] = [
        Node(name: "shape", op: .shape(start: 0, end: nil), inputs: ["x"], outputs: ["dims"]),
        Node(name: "gather", op: .gather(axis: 0), inputs: ["dims", "zero"], outputs: ["batch"]),
        Node(name: "unsqueeze", op: .unsqueeze(axes: [0]), inputs: ["batch"], outputs: ["batch1"]),
        Node(name: "concat", op: .concat(axis: 0), inputs: ["batch1", "minusOne"], outputs: ["target"]),
        Node(name: "reshape", op: .reshape(allowZero: false), inputs: ["x", "target"], outputs: ["y"]),
    ]
}
