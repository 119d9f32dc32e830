@testable import IR
import Testing

@Suite("Activation composition")
struct ActivationCompositionTests {
    @Test func composesIntoTheIntersectionOfTheClamps() {
        #expect(Activation.relu.followed(by: .relu) == .relu)
        #expect(Activation.relu.followed(by: .clip(min: -1, max: 6)) == .clip(min: 0, max: 6))
        #expect(Activation.clip(min: 0, max: 6).followed(by: .relu) == .clip(min: 0, max: 6))
        #expect(Activation.clip(min: -3, max: 3).followed(by: .clip(min: -1, max: 8)) == .clip(min: -1, max: 3))
        #expect(Activation.clip(min: -5, max: .infinity).followed(by: .clip(min: 0, max: .infinity)) == .relu)
    }

    @Test func refusesDisjointOrMalformedClamps() {
        #expect(Activation.clip(min: 0, max: 1).followed(by: .clip(min: 2, max: 3)) == nil)
        #expect(Activation.clip(min: 2, max: 1).followed(by: .relu) == nil)
        #expect(Activation.relu.followed(by: .clip(min: .nan, max: 1)) == nil)
    }

    /// The composition agrees with applying both clamps one after the other.
    @Test func agreesWithSequentialApplication() {
        let activations: [Activation] = [.relu, .clip(min: 0, max: 6), .clip(min: -2, max: 1), .clip(min: 0.5, max: 4)]
        for first in activations {
            for second in activations {
                guard let combined = first.followed(by: second) else { continue }
                for x in stride(from: Float(-8), through: 8, by: 0.25) {
                    #expect(apply(combined, x) == apply(second, apply(first, x)), "\(first) then \(second) at \(x)")
                }
            }
        }
    }

    private func apply(_ activation: Activation, _ x: Float) -> Float {
        switch activation {
        case .relu: return max(x, 0)
        case .clip(let low, let high): return min(max(x, low), high)
        }
    }
}
