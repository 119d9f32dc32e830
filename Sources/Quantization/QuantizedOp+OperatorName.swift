import IR

extension QuantizedOp {
    /// The operator's name as the quantized graph printer writes it (`Conv`, `LookupTable`, …).
    public var operatorName: String { QuantizedGraphPrinter.describe(self).0 }
}
