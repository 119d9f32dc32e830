/// What is wrong with one key of a hardware config file. `AcceleratorError.invalidConfig` carries it
/// with the file's path; keys are written as paths (`dram.latencyCycles`, `buffers[2].bytes`).
public enum ConfigKeyProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The key is not a field of the config (a misspelling, or a field this vggc does not have).
    case unknownKey(String)
    /// A field the config must have is absent.
    case missingKey(String)
    /// The value is of another JSON type than the field's (`expected`: "an integer", "a string", …)
    /// or null.
    case wrongType(key: String, expected: String)
    /// A string that names none of the values the field allows.
    case unknownValue(key: String, value: String, allowed: [String])

    public var description: String {
        switch self {
        case .unknownKey(let key):
            return "\(key): unknown key"
        case .missingKey(let key):
            return "missing key '\(key)'"
        case .wrongType(let key, let expected):
            return "\(key): expected \(expected)"
        case .unknownValue(let key, let value, let allowed):
            return "\(key): unknown value '\(value)'; allowed: \(allowed.joined(separator: ", "))"
        }
    }

    /// The case of `type` whose raw value is `raw`; otherwise `unknownValue` at `codingPath`, listing
    /// every case.
    package static func value<Value: CaseIterable & RawRepresentable<String>>(
        _ raw: String, of type: Value.Type, at codingPath: [any CodingKey]
    ) throws -> Value {
        guard let value = Value(rawValue: raw) else {
            throw unknownValue(key: keyPath(codingPath), value: raw, allowed: Value.allCases.map(\.rawValue))
        }
        return value
    }

    /// `codingPath` written as a key path: `dram.latencyCycles`, `buffers[2].bytes`; the document
    /// itself is `(top level)`.
    package static func keyPath(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "(top level)" }
        return codingPath.reduce("") { path, key in
            key.intValue.map { "\(path)[\($0)]" } ?? appending(key.stringValue, to: path)
        }
    }

    /// `path.key`, or `key` at the top level.
    package static func appending(_ key: String, to path: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}
