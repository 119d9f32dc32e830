import Foundation

/// Errors raised by the Runtime module. Each case names the file and the numbers involved.
public enum RuntimeError: Error, Equatable, LocalizedError {
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The file is not a valid `.npy` array.
    case malformedNPY(path: String, reason: String)
    /// The `.npy` array uses a layout or element type vggc does not read.
    case unsupportedNPY(path: String, reason: String)
    /// The image is corrupt or truncated; `format` is "PNG", "JPEG" or "PNM".
    case malformedImage(path: String, format: String, reason: String)
    /// The file is not an image format vggc reads, or a variant of one it does not handle.
    case unsupportedImage(path: String, reason: String)
    /// Zero padding cannot fit an image larger than the model's input.
    case imageLargerThanInput(path: String, height: Int, width: Int, inputHeight: Int, inputWidth: Int)
    /// The preprocessing parameters cannot be applied (mean/std counts, zero std, empty size).
    case invalidPreprocessing(reason: String)
    /// A directory that should hold images has none.
    case noImages(directory: String, extensions: [String])
    /// An instruction reads or writes `bytes` bytes at `address` of `memory` ("DRAM", or an SRAM
    /// buffer's role), past its `size` bytes.
    case memoryOutOfBounds(instruction: Int, mnemonic: String, layer: String, memory: String, address: Int, bytes: Int,
                           size: Int)
    /// An instruction's fields cannot be executed (a bad element width, shift, clamp range, stride or
    /// table index).
    case illegalInstruction(instruction: Int, mnemonic: String, layer: String, reason: String)
    /// The host input does not have the program input's element count.
    case inputSizeMismatch(name: String, expected: Int, actual: Int)
    /// A host input value does not fit the program's stored element width.
    case inputValueOutOfRange(name: String, index: Int, value: Int32, elementBytes: Int)
    /// A program tensor (input, output, layer output or the constants) lies outside the memory it
    /// names.
    case tensorOutOfBounds(name: String, memory: String, address: Int, bytes: Int, size: Int)

    public var errorDescription: String? {
        switch self {
        case .io(let path, let reason): return "\(path): \(reason)"
        case .malformedNPY(let path, let reason): return "\(path): not a valid .npy file: \(reason)"
        case .unsupportedNPY(let path, let reason): return "\(path): unsupported .npy array: \(reason)"
        case .malformedImage(let path, let format, let reason): return "\(path): corrupt or truncated \(format) image: \(reason)"
        case .unsupportedImage(let path, let reason): return "\(path): unsupported image: \(reason)"
        case .imageLargerThanInput(let path, let height, let width, let inputHeight, let inputWidth):
            return "\(path): the \(height)×\(width) image is larger than the \(inputHeight)×\(inputWidth) input, so it cannot be zero-padded"
        case .invalidPreprocessing(let reason): return "invalid preprocessing: \(reason)"
        case .noImages(let directory, let extensions):
            return "\(directory): no images (looked for \(extensions.map { "." + $0 }.joined(separator: ", ")))"
        case .memoryOutOfBounds(let instruction, let mnemonic, let layer, let memory, let address, let bytes, let size):
            return "instruction \(instruction) (\(mnemonic), layer \(layer)) accesses \(memory) bytes \(address)..<\(address + bytes), "
                + "outside its \(size) bytes"
        case .illegalInstruction(let instruction, let mnemonic, let layer, let reason):
            return "instruction \(instruction) (\(mnemonic), layer \(layer)) cannot execute: \(reason)"
        case .inputSizeMismatch(let name, let expected, let actual):
            return "input \(name): expected \(expected) values, got \(actual)"
        case .inputValueOutOfRange(let name, let index, let value, let elementBytes):
            return "input \(name): value \(value) at index \(index) does not fit \(elementBytes)-byte storage"
        case .tensorOutOfBounds(let name, let memory, let address, let bytes, let size):
            return "\(name) occupies \(memory) bytes \(address)..<\(address + bytes), outside its \(size) bytes"
        }
    }
}
