extension DataType {
    /// The element type named by its text-form spelling (`f32`, `i64`, …).
    package init(textWord word: String) throws {
        guard let type = DataType(rawValue: word) else {
            let known = DataType.allCases.map(\.rawValue).joined(separator: ", ")
            throw IRAttributeValue.Problem(detail: "unknown element type '\(word)' (known: \(known))")
        }
        self = type
    }
}
