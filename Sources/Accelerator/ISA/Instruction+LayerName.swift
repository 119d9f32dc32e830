extension Instruction {
    /// The name of the instruction's layer in `layerNames` (the program's layer table), or
    /// `#index` when the table has no such entry.
    public func layerName(in layerNames: [String]) -> String {
        layerNames.indices.contains(layer) ? layerNames[layer] : "#\(layer)"
    }
}
