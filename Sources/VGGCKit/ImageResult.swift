/// One image of a directory run: its top class and, when known, its true class.
public struct ImageResult: Hashable, Sendable, Codable {
    /// The file name.
    public var file: String
    public var classIndex: Int
    public var label: String
    public var score: Float
    /// The true class, when the images are labelled.
    public var expected: Int?

    public init(file: String, classIndex: Int, label: String, score: Float, expected: Int?) {
        self.file = file
        self.classIndex = classIndex
        self.label = label
        self.score = score
        self.expected = expected
    }

    enum CodingKeys: String, CodingKey {
        case file, label, score, expected
        case classIndex = "class"
    }
}
