extension Activation {
    /// `relu` or `clip(MIN,MAX)`.
    package var textAttribute: IRAttributeValue {
        switch self {
        case .relu: return .word("relu")
        case .clip(let low, let high): return .call("clip", [.float(low), .float(high)])
        }
    }

    package init(textAttribute value: IRAttributeValue) throws {
        switch value {
        case .word("relu"):
            self = .relu
        case .call("clip", let bounds) where bounds.count == 2:
            self = .clip(min: try bounds[0].float(), max: try bounds[1].float())
        default:
            throw IRAttributeValue.Problem(detail: "expected relu or clip(MIN,MAX), found '\(value.text)'")
        }
    }
}
