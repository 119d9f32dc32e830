/// The result of one conformance case.
enum ConformanceOutcome {
    case passed(maxAbsoluteError: Float)
    /// The support report refused the model, for this reason.
    case skipped(String)
    case mismatched(String)
    case failed(String)
}
