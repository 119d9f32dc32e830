extension Instruction {
    /// The factors whose product is the element operations the instruction asks for: `GEMM`
    /// multiply-accumulates, `POOL` taps, the elements `POST`, `ALU` and `ADD` compute, the elements
    /// a `LOAD` writes (its padding included) and a `STORE` moves; no factor (a work of one) for
    /// `SYNC` and `END`. Each factor is a decoded field, so it is non-negative; the product may
    /// overflow and is formed by `work`.
    var workFactors: [Int] {
        switch self {
        case .gemm(let gemm):
            [gemm.outputChannels, gemm.inputChannels, gemm.kernelHeight, gemm.kernelWidth, gemm.outputRows, gemm.outputColumns]
        case .pool(let pool):
            [pool.channels, pool.outputRows, pool.outputColumns, pool.kernelHeight, pool.kernelWidth]
        case .post(let post): [post.channels, post.rows, post.columns]
        case .alu(let alu): [alu.channels, alu.rows, alu.columns]
        case .add(let add): [add.channels, add.rows, add.columns]
        case .load(let load): [load.depth, load.boxRows, load.boxColumns]
        case .store(let store): [store.depth, store.rows, store.columns]
        case .sync, .end: []
        }
    }

    /// The product of `workFactors`, a zero factor counting as one (an executor's loops over the
    /// other extents still run: 53,251 channels × 49,163 rows × 0 columns took seconds), or nil when
    /// it overflows `Int`.
    public var work: Int? {
        workFactors.reduce(Optional(1)) { product, factor in
            product.flatMap { $0.multipliedReportingOverflow(by: max(factor, 1)) }.flatMap { $0.overflow ? nil : $0.partialValue }
        }
    }
}
