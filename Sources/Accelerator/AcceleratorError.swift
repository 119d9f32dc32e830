import Foundation

/// Errors raised by the Accelerator module: hardware configs, the ISA and its encodings, instruction
/// streams and the `.bin` container. Each case names the config, file, section or instruction and the
/// numbers.
public enum AcceleratorError: Error, Equatable, LocalizedError {
    /// `--target` named neither a preset nor a readable JSON file.
    case unknownTarget(String, presets: [String])
    /// The JSON file does not decode as a hardware config.
    case malformedConfig(path: String, reason: String)
    /// A key of the JSON config file is unknown, missing, of the wrong type or holds a value its
    /// field does not allow.
    case invalidConfig(path: String, problem: ConfigKeyProblem)
    /// A config field is zero, negative or otherwise inconsistent.
    case inconsistentConfig(name: String, field: String, reason: String)
    /// The `.bin` file could not be read.
    case unreadableBin(path: String, reason: String)
    /// The file is not a well-formed `.bin`: wrong magic, truncated, or a section outside the file.
    case malformedBin(path: String, reason: String)
    /// The file was written by an incompatible version of vggc.
    case unsupportedBinVersion(path: String, found: String, supported: String)
    /// A section's payload does not match its stored CRC-32.
    case checksumMismatch(path: String, section: String, expected: UInt32, actual: UInt32)
    /// A section's contents do not decode.
    case malformedSection(path: String, section: String, reason: String)
    /// A section the file must have is absent.
    case missingSection(path: String, section: String)
    /// A token bit names a neighbour the instruction's unit does not have (the load unit has no
    /// previous, the store unit no next).
    case illegalDependency(instruction: Int, layer: Int, mnemonic: String, bit: String)
    /// The instruction stream can never finish: `instruction` waits on `queue` for a token no
    /// instruction will push.
    case deadlock(instruction: Int, mnemonic: String, layer: String, queue: String)
    /// The stream is not well formed (no END, instructions after END).
    case malformedStream(reason: String)
    /// A field value does not fit its encoding (docs/ISA.md gives each field's width).
    case fieldOutOfRange(mnemonic: String, field: String, value: Int, bits: Int, layer: Int)
    /// Bytes that do not decode as an instruction: unknown opcode, reserved bits set, a value a
    /// field may not hold, or a stream whose length is not a multiple of 64.
    case illegalEncoding(instruction: Int, reason: String)
    /// An instruction would touch bytes outside a buffer or outside DRAM.
    case outOfBounds(instruction: Int, mnemonic: String, layer: String, space: String, range: Range<Int>, size: Int)
    /// An output file or directory (memory images, traces) could not be written.
    case cannotWrite(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unknownTarget(let target, let presets):
            return "unknown target '\(target)': not a preset (\(presets.joined(separator: ", "))) or a JSON file"
        case .malformedConfig(let path, let reason):
            return "\(path): not a valid hardware config: \(reason)"
        case .invalidConfig(let path, let problem):
            return "\(path): \(problem)"
        case .inconsistentConfig(let name, let field, let reason):
            return "hardware config '\(name)': \(field) \(reason)"
        case .unreadableBin(let path, let reason):
            return "\(path): \(reason)"
        case .malformedBin(let path, let reason):
            return "\(path): not a valid vggc .bin: \(reason)"
        case .unsupportedBinVersion(let path, let found, let supported):
            return "\(path): .bin format version \(found); this vggc reads \(supported) (recompile the model)"
        case .checksumMismatch(let path, let section, let expected, let actual):
            return "\(path): section '\(section)' is corrupted (CRC-32 \(hex(actual)), expected \(hex(expected)))"
        case .malformedSection(let path, let section, let reason):
            return "\(path): section '\(section)' does not decode: \(reason)"
        case .missingSection(let path, let section):
            return "\(path): the file has no '\(section)' section"
        case .illegalDependency(let instruction, let layer, let mnemonic, let bit):
            return "instruction \(instruction) (\(mnemonic), layer #\(layer)): the \(bit) token bit names a unit this one has no link to"
        case .deadlock(let instruction, let mnemonic, let layer, let queue):
            return "layer '\(layer)': the instruction stream deadlocks at instruction \(instruction) (\(mnemonic)), which waits for a \(queue) token that is never pushed"
        case .malformedStream(let reason):
            return "malformed instruction stream: \(reason)"
        case .fieldOutOfRange(let mnemonic, let field, let value, let bits, let layer):
            return "layer #\(layer): \(mnemonic) field '\(field)' = \(value) does not fit its \(bits)-bit encoding"
        case .illegalEncoding(let instruction, let reason):
            return "instruction \(instruction): illegal encoding: \(reason)"
        case .outOfBounds(let instruction, let mnemonic, let layer, let space, let range, let size):
            return "layer '\(layer)': instruction \(instruction) (\(mnemonic)) reaches bytes \(range.lowerBound)..<\(range.upperBound) of \(space), which has \(size)"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}

private func hex(_ value: UInt32) -> String {
    "0x" + String(value, radix: 16, uppercase: true)
}
