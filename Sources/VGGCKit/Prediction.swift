/// One of the top classes of an output.
public struct Prediction: Hashable, Sendable, Encodable {
    /// 1 for the best class.
    public var rank: Int
    public var classIndex: Int
    /// The class name stored with the model, else the index.
    public var label: String
    public var score: Float

    public init(rank: Int, classIndex: Int, label: String, score: Float) {
        self.rank = rank
        self.classIndex = classIndex
        self.label = label
        self.score = score
    }

    enum CodingKeys: String, CodingKey {
        case rank, label, score
        case classIndex = "class"
    }
}
