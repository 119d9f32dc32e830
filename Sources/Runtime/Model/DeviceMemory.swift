import CRuntimeKernels

/// One memory of the accelerator model, DRAM or an SRAM buffer, as a byte array holding
/// little-endian two's complement values. An instruction's whole footprint is checked once with
/// `check(address:extents:elementBytes:site:)`; the accessors then trust their addresses, so the
/// loops stay fast. The raw pointers stay inside this type, `Int8GemmKernel` and the width-
/// specialised `POST`/`POOL` paths, which hand them to the C kernels of `CRuntimeKernels`.
struct DeviceMemory: Hashable, Sendable {
    /// "DRAM", or an SRAM buffer's role ("input buffer").
    let name: String
    private(set) var bytes: [UInt8]

    init(name: String, size: Int) {
        self.name = name
        bytes = [UInt8](repeating: 0, count: size)
    }

    var size: Int { bytes.count }

    /// Throws `RuntimeError.memoryOutOfBounds` unless the box starting at `address`, with
    /// `extents` as (count, pitch in bytes) from outermost to innermost and elements of
    /// `elementBytes` bytes, lies inside the memory. A box with a zero count touches nothing.
    func check(address: Int, extents: [(count: Int, pitch: Int)], elementBytes: Int, site: InstructionSite) throws {
        try site.require(extents.allSatisfy { $0.count >= 0 && $0.pitch >= 0 }, "a negative count or pitch in \(name)")
        guard extents.allSatisfy({ $0.count > 0 }) else { return }
        let span = extents.reduce(elementBytes) { $0 + ($1.count - 1) * $1.pitch }
        guard address >= 0, address + span <= size else {
            throw RuntimeError.memoryOutOfBounds(instruction: site.index, mnemonic: site.mnemonic, layer: site.layer,
                                                 memory: name, address: address, bytes: span, size: size)
        }
    }

    /// The `width`-byte value at `address`, sign-extended.
    func element(at address: Int, width: Int) -> Int64 {
        var value: UInt64 = 0
        for byte in 0..<width { value |= UInt64(bytes[address + byte]) << (8 * byte) }
        let unused = 64 - 8 * width
        return Int64(bitPattern: value << unused) >> unused
    }

    /// The `width`-byte values of a box, sign-extended and truncated to Int32, row-major: `planes`
    /// planes `planePitch` bytes apart, each of `rows` rows `rowPitch` bytes apart, each of `columns`
    /// consecutive values from `address` on (the loops for one, two and four bytes run over raw
    /// memory). The footprint must have been checked.
    func values(at address: Int, planes: Int = 1, planePitch: Int = 0, rows: Int = 1, rowPitch: Int = 0, columns: Int,
                width: Int) -> [Int32] {
        let count = planes * rows * columns
        guard count > 0 else { return [] }
        return bytes.withUnsafeBytes { memory in
            [Int32](unsafeUninitializedCapacity: count) { values, initialized in
                var next = 0
                for plane in 0..<planes {
                    for row in 0..<rows {
                        let start = address + plane * planePitch + row * rowPitch
                        Self.convert(UnsafeRawPointer(memory.baseAddress! + start), count: columns, width: width,
                                     into: values.baseAddress! + next)
                        next += columns
                    }
                }
                initialized = count
            }
        }
    }

    /// Converts `count` consecutive little-endian `width`-byte values at `source` into `values`.
    private static func convert(_ source: UnsafeRawPointer, count: Int, width: Int, into values: UnsafeMutablePointer<Int32>) {
        switch width {
        case 1: for index in 0..<count { values[index] = Int32(source.load(fromByteOffset: index, as: Int8.self)) }
        case 2:
            for index in 0..<count {
                values[index] = Int32(Int16(littleEndian: source.loadUnaligned(fromByteOffset: 2 * index, as: Int16.self)))
            }
        case 4:
            for index in 0..<count {
                values[index] = Int32(littleEndian: source.loadUnaligned(fromByteOffset: 4 * index, as: Int32.self))
            }
        default:
            for index in 0..<count {
                values[index] = Int32(truncatingIfNeeded: UInt64(littleEndian: source.loadUnaligned(fromByteOffset: 8 * index,
                                                                                                   as: UInt64.self)))
            }
        }
    }

    /// Writes the low `width` bytes of `value` at `address` (wrapping modulo 2^(8·width)).
    mutating func setElement(_ value: Int64, at address: Int, width: Int) {
        let pattern = UInt64(bitPattern: value)
        for byte in 0..<width { bytes[address + byte] = UInt8(truncatingIfNeeded: pattern >> (8 * byte)) }
    }

    /// Writes `count` copies of the `width`-byte `value` from `address` on.
    mutating func fill(_ value: Int64, at address: Int, count: Int, width: Int) {
        guard count > 0 else { return }
        if width == 1 {
            bytes.withUnsafeMutableBytes { memory in
                _ = (memory.baseAddress! + address).initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: value),
                                                                     count: count)
            }
            return
        }
        for element in 0..<count { setElement(value, at: address + element * width, width: width) }
    }

    /// Overwrites `contents.count` bytes from `address` on with `contents`.
    mutating func replace(at address: Int, with contents: [UInt8]) {
        bytes.replaceSubrange(address..<(address + contents.count), with: contents)
    }

    /// Copies `planes × rows` rows of `rowBytes` bytes from `source`, row (p, r) at `sourceAddress +
    /// p · planeStride + r · rowStride`, to `address + p · planePitch + r · rowPitch`; both
    /// footprints must have been checked.
    mutating func copyRows(from source: DeviceMemory, at sourceAddress: Int, planeStride: Int, rowStride: Int, to address: Int,
                           planePitch: Int, rowPitch: Int, planes: Int, rows: Int, rowBytes: Int) {
        guard planes > 0, rows > 0, rowBytes > 0 else { return }
        source.bytes.withUnsafeBytes { from in
            bytes.withUnsafeMutableBytes { to in
                vggc_copy_rows((to.baseAddress! + address).assumingMemoryBound(to: UInt8.self), planePitch, rowPitch,
                               (from.baseAddress! + sourceAddress).assumingMemoryBound(to: UInt8.self), planeStride, rowStride,
                               planes, rows, rowBytes)
            }
        }
    }

    /// Adds `sums` to the consecutive `width`-byte accumulators at `address` (or stores them when
    /// `reset`), wrapping modulo 2^(8·width).
    mutating func accumulate(_ sums: [Int64], at address: Int, width: Int, reset: Bool) {
        for (index, sum) in sums.enumerated() {
            let offset = address + index * width
            setElement(reset ? sum : element(at: offset, width: width) &+ sum, at: offset, width: width)
        }
    }

    /// Restores `range` to a fresh memory holding `image` from address 0: the image's bytes where it
    /// has them, zeros past its end.
    mutating func restore(_ range: Range<Int>, from image: [UInt8]) {
        let copied = range.clamped(to: 0..<image.count)
        if !copied.isEmpty { bytes.replaceSubrange(copied, with: image[copied]) }
        let zeroed = range.clamped(to: max(image.count, range.lowerBound)..<max(image.count, range.upperBound))
        fill(0, at: zeroed.lowerBound, count: zeroed.count, width: 1)
    }

    /// Calls `body` with the raw bytes (read only).
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes(body)
    }

    /// Calls `body` with the raw bytes, writable.
    mutating func withUnsafeMutableBytes<Result>(_ body: (UnsafeMutableRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeMutableBytes(body)
    }
}
