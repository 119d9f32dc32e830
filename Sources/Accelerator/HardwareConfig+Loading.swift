import Foundation

extension HardwareConfig {
    /// Resolves `--target`: a preset name, or a path to a JSON config.
    public static func load(target: String) throws -> HardwareConfig {
        if let preset = preset(named: target) { return preset }
        guard target.hasSuffix(".json") || FileManager.default.fileExists(atPath: target) else {
            throw AcceleratorError.unknownTarget(target, presets: presets.map(\.name))
        }
        return try load(file: URL(fileURLWithPath: target))
    }

    /// Reads, strictly decodes and validates the JSON config at `file`.
    package static func load(file: URL) throws -> HardwareConfig {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw AcceleratorError.malformedConfig(path: file.path, reason: "cannot read the file")
        }
        return try decode(data, path: file.path)
    }

    /// Decodes a JSON config strictly and validates it: every field must be present and of its
    /// type, no key may be unknown, and enumerated fields (`features.arithmetic`, `buffers[].role`)
    /// must name a value they allow. A missing or mistyped key is reported before an unknown one.
    /// Throws `AcceleratorError.invalidConfig` naming `path` and the key, `malformedConfig` for
    /// text that is not JSON, and `inconsistentConfig` from `validate()`.
    public static func decode(_ data: Data, path: String) throws -> HardwareConfig {
        let document: Any
        do { document = try JSONSerialization.jsonObject(with: data) } catch {
            throw AcceleratorError.malformedConfig(path: path, reason: "not JSON")
        }
        let config: HardwareConfig
        do { config = try JSONDecoder().decode(HardwareConfig.self, from: data) } catch let problem as ConfigKeyProblem {
            throw AcceleratorError.invalidConfig(path: path, problem: problem)
        } catch let error as DecodingError {
            throw configError(error, path: path)
        }
        let fields = try JSONSerialization.jsonObject(with: JSONEncoder().encode(config))
        if let unknown = firstUnknownKey(in: document, fields: fields, at: "") {
            throw AcceleratorError.invalidConfig(path: path, problem: .unknownKey(unknown))
        }
        try config.validate()
        return config
    }

    /// The path of the first key (in sorted order, depth first) of `document` that the config's own
    /// encoding, `fields`, does not have.
    private static func firstUnknownKey(in document: Any, fields: Any, at path: String) -> String? {
        if let object = document as? [String: Any], let known = fields as? [String: Any] {
            for key in object.keys.sorted() {
                let keyPath = ConfigKeyProblem.appending(key, to: path)
                guard let field = known[key], let value = object[key] else { return keyPath }
                if let unknown = firstUnknownKey(in: value, fields: field, at: keyPath) { return unknown }
            }
        } else if let array = document as? [Any], let known = fields as? [Any] {
            for (index, (element, field)) in zip(array, known).enumerated() {
                if let unknown = firstUnknownKey(in: element, fields: field, at: "\(path)[\(index)]") { return unknown }
            }
        }
        return nil
    }

    /// A `JSONDecoder` error as one line naming the key.
    private static func configError(_ error: DecodingError, path: String) -> AcceleratorError {
        switch error {
        case .keyNotFound(let key, let context):
            return .invalidConfig(path: path, problem: .missingKey(ConfigKeyProblem.keyPath(context.codingPath + [key])))
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return .invalidConfig(path: path, problem: .wrongType(key: ConfigKeyProblem.keyPath(context.codingPath),
                                                                  expected: jsonTypeName(type)))
        case .dataCorrupted(let context):
            return .malformedConfig(path: path, reason: "\(ConfigKeyProblem.keyPath(context.codingPath)): \(context.debugDescription)")
        @unknown default:
            return .malformedConfig(path: path, reason: String(describing: error))
        }
    }

    /// The JSON type a field of Swift type `type` takes.
    private static func jsonTypeName(_ type: Any.Type) -> String {
        if type == Int.self { return "an integer" }
        if type == Double.self { return "a number" }
        if type == String.self { return "a string" }
        if type == Bool.self { return "true or false" }
        if type == [Any].self { return "an array" }
        if type == [String: Any].self { return "an object" }
        return String(describing: type)
    }
}
