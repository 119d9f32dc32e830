import Foundation
import IR

/// The dictionary at the start of a `.npy` file: `{'descr': '<f4', 'fortran_order': False,
/// 'shape': (1, 3), }`.
struct NPYHeader {
    var elementType: DataType
    var shape: [Int]

    private static let descriptors: [(String, DataType)] = [
        ("<f4", .float32), ("|i1", .int8), ("|u1", .uint8), ("<i4", .int32), ("<i8", .int64), ("|b1", .bool),
    ]

    /// The `descr` string for an element type.
    static func descriptor(for type: DataType) -> String {
        descriptors.first { $0.1 == type }!.0
    }

    init(parsing header: String, path: String) throws {
        guard let descr = Self.quotedValue(of: "descr", in: header) else {
            throw RuntimeError.malformedNPY(path: path, reason: "header has no 'descr'")
        }
        let normalized = descr == "<u1" || descr == "<i1" || descr == "<b1" ? "|" + descr.dropFirst() : descr
        guard let type = Self.descriptors.first(where: { $0.0 == normalized })?.1 else {
            throw RuntimeError.unsupportedNPY(path: path, reason: "dtype '\(descr)' (vggc reads <f4, |i1, |u1, <i4, <i8, |b1)")
        }
        if header.contains("'fortran_order': True") {
            throw RuntimeError.unsupportedNPY(path: path, reason: "Fortran order; save with np.ascontiguousarray")
        }
        guard let open = header.range(of: "'shape': ("),
              let close = header[open.upperBound...].firstIndex(of: ")") else {
            throw RuntimeError.malformedNPY(path: path, reason: "header has no 'shape'")
        }
        let fields = header[open.upperBound..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        var dims: [Int] = []
        for field in fields where !field.isEmpty {
            guard let dim = Int(field), dim >= 0 else {
                throw RuntimeError.malformedNPY(path: path, reason: "bad shape entry '\(field)'")
            }
            dims.append(dim)
        }
        var count = type.byteWidth
        for dim in dims {
            let (product, overflow) = count.multipliedReportingOverflow(by: dim)
            guard !overflow, product <= 1 << 40 else {
                throw RuntimeError.malformedNPY(path: path, reason: "shape \(dims) is too large")
            }
            count = product
        }
        self.elementType = type
        self.shape = dims
    }

    private static func quotedValue(of key: String, in header: String) -> String? {
        guard let keyRange = header.range(of: "'\(key)':") else { return nil }
        let rest = header[keyRange.upperBound...]
        guard let open = rest.firstIndex(of: "'") else { return nil }
        let afterOpen = rest.index(after: open)
        guard let close = rest[afterOpen...].firstIndex(of: "'") else { return nil }
        return String(rest[afterOpen..<close])
    }
}
