import Foundation
import IR

/// Reads and writes NumPy `.npy` files (format versions 1.0–3.0, C order, little-endian), the
/// exchange format for input tensors and for per-layer dumps that testbenches and Python read.
///
/// Supported dtypes: `<f4`, `|i1`, `|u1`, `<i4`, `<i8`, `|b1`.
public enum NPYFile {
    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"

    /// Loads the array in `url` as a tensor.
    public static func load(_ url: URL) throws -> Tensor {
        let path = url.path
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw RuntimeError.io(path: path, reason: "cannot read file (\(error.localizedDescription))")
        }
        return try decode(bytes, path: path)
    }

    /// Decodes `.npy` bytes; `path` only names the source in errors.
    public static func decode(_ bytes: Data, path: String) throws -> Tensor {
        let data = [UInt8](bytes)
        guard data.count >= 10, Array(data[0..<6]) == magic else {
            throw RuntimeError.malformedNPY(path: path, reason: "missing \\x93NUMPY magic")
        }
        let major = data[6]
        let (headerLength, headerStart): (Int, Int)
        switch major {
        case 1:
            headerLength = Int(data[8]) | Int(data[9]) << 8
            headerStart = 10
        case 2, 3:
            guard data.count >= 12 else {
                throw RuntimeError.malformedNPY(path: path, reason: "truncated header")
            }
            headerLength = (8..<12).reduce(0) { $0 | Int(data[$1]) << (8 * ($1 - 8)) }
            headerStart = 12
        default:
            throw RuntimeError.unsupportedNPY(path: path, reason: "format version \(major)")
        }
        guard headerStart + headerLength <= data.count else {
            throw RuntimeError.malformedNPY(path: path, reason: "header of \(headerLength) bytes runs past the end of the \(data.count)-byte file")
        }
        let header = String(decoding: data[headerStart..<headerStart + headerLength], as: UTF8.self)
        let descriptor = try NPYHeader(parsing: header, path: path)
        let payload = data[(headerStart + headerLength)...]
        let shape = Shape(descriptor.shape)
        let expected = shape.elementCount * descriptor.elementType.byteWidth
        guard payload.count == expected else {
            throw RuntimeError.malformedNPY(path: path, reason: "shape \(shape) of \(descriptor.elementType) needs \(expected) data bytes, file has \(payload.count)")
        }
        return Tensor(shape: shape, data: TensorData(littleEndian: Data(payload), as: descriptor.elementType))
    }

    /// Writes `tensor` to `url` as a version 1.0 `.npy` file.
    public static func save(_ tensor: Tensor, to url: URL) throws {
        do { try encode(tensor).write(to: url) } catch {
            throw RuntimeError.io(path: url.path, reason: "cannot write file (\(error.localizedDescription))")
        }
    }

    /// Encodes `tensor` as version 1.0 `.npy` bytes.
    public static func encode(_ tensor: Tensor) -> Data {
        let dims = tensor.shape.dims.map(String.init)
        let shapeText = dims.count == 1 ? "(\(dims[0]),)" : "(" + dims.joined(separator: ", ") + ")"
        var header = "{'descr': '\(NPYHeader.descriptor(for: tensor.data.elementType))', 'fortran_order': False, 'shape': \(shapeText), }"
        // Pad with spaces so that magic + version + length + header + "\n" is a multiple of 64.
        let unpadded = magic.count + 4 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var out = Data(magic)
        out.append(contentsOf: [1, 0, UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
        out.append(contentsOf: Array(header.utf8))
        out.append(tensor.data.littleEndianBytes)
        return out
    }
}
