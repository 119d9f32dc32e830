/// The attributes of one node as parsed from the IR text form, consumed key by key while the op is
/// rebuilt so that unknown or repeated keys are reported instead of ignored.
package struct IRAttributeSet {
    private var values: [String: IRAttributeValue]

    package init(_ pairs: [(String, IRAttributeValue)]) throws {
        values = [:]
        for (key, value) in pairs {
            guard values.updateValue(value, forKey: key) == nil else {
                throw IRAttributeValue.Problem(detail: "attribute '\(key)' is given twice")
            }
        }
    }

    /// Removes and returns an optional attribute.
    package mutating func optional(_ key: String) -> IRAttributeValue? { values.removeValue(forKey: key) }

    /// Removes and returns a required attribute.
    package mutating func required(_ key: String) throws -> IRAttributeValue {
        guard let value = values.removeValue(forKey: key) else {
            throw IRAttributeValue.Problem(detail: "missing attribute '\(key)'")
        }
        return value
    }

    /// Fails if any attribute was not consumed.
    package func expectEnd(op: String) throws {
        guard let key = values.keys.sorted().first else { return }
        throw IRAttributeValue.Problem(detail: "\(op) has no attribute '\(key)'")
    }
}
