/// Why one node, input or initializer cannot be imported; collected into a `SupportIssue`.
struct UnsupportedFeature: Error, Equatable {
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
