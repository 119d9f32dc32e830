/// The top classes of one graph output.
public struct RankedOutput: Hashable, Sendable, Encodable {
    public var output: String
    public var scoreKind: ScoreKind
    /// Best first.
    public var top: [Prediction]

    public init(output: String, scoreKind: ScoreKind, top: [Prediction]) {
        self.output = output
        self.scoreKind = scoreKind
        self.top = top
    }

    enum CodingKeys: String, CodingKey {
        case output, top
        case scoreKind = "score_kind"
    }
}
