extension Padding {
    /// `[1,1,1,1]` for explicit pads, otherwise the mode's word (`same_upper`, `same_lower`, `valid`).
    package var textAttribute: IRAttributeValue {
        switch self {
        case .explicit(let pads): return .ints(pads)
        case .sameUpper: return .word("same_upper")
        case .sameLower: return .word("same_lower")
        case .valid: return .word("valid")
        }
    }

    package init(textAttribute value: IRAttributeValue) throws {
        switch value {
        case .list: self = .explicit(try value.ints())
        case .word("same_upper"): self = .sameUpper
        case .word("same_lower"): self = .sameLower
        case .word("valid"): self = .valid
        default: throw IRAttributeValue.Problem(detail: "expected pads [..] or same_upper/same_lower/valid, found '\(value.text)'")
        }
    }
}
