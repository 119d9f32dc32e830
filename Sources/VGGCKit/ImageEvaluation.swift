/// One evaluated image: its label, the accelerator model's top class, the float model's, and
/// whether its output bytes matched the integer reference.
public struct ImageEvaluation: Hashable, Sendable, Codable {
    /// The image's path relative to the evaluated directory.
    public var file: String
    /// The true class.
    public var label: Int
    /// The top class on the accelerator model.
    public var predicted: Int
    /// The top class of the float model; `nil` without it.
    public var floatPredicted: Int?
    /// The first graph output whose bytes differ from the integer reference; `nil` when they are
    /// equal or were not checked.
    public var referenceDifference: String?

    public init(file: String, label: Int, predicted: Int, floatPredicted: Int? = nil, referenceDifference: String? = nil) {
        self.file = file
        self.label = label
        self.predicted = predicted
        self.floatPredicted = floatPredicted
        self.referenceDifference = referenceDifference
    }

    /// As `vggc run`'s per-image results name them: `expected` is the true class, `class` the top one.
    enum CodingKeys: String, CodingKey {
        case file
        case label = "expected"
        case predicted = "class"
        case floatPredicted = "fp32_class"
        case referenceDifference = "int_reference_difference"
    }
}
