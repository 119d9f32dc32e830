/// One memory of the accelerator model, DRAM or an SRAM buffer, as a byte array holding
/// little-endian two's complement values. An instruction's whole footprint is checked once with
/// `check(address:extents:elementBytes:site:)`; the accessors then trust their addresses, so the
/// loops stay fast. The raw pointers stay inside this type and `Int8GemmKernel`.
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

    /// Writes the low `width` bytes of `value` at `address` (wrapping modulo 2^(8·width)).
    mutating func setElement(_ value: Int64, at address: Int, width: Int) {
        let pattern = UInt64(bitPattern: value)
        for byte in 0..<width { bytes[address + byte] = UInt8(truncatingIfNeeded: pattern >> (8 * byte)) }
    }

    /// Writes `count` copies of the `width`-byte `value` from `address` on.
    mutating func fill(_ value: Int64, at address: Int, count: Int, width: Int) {
        if width == 1 {
            let byte = UInt8(truncatingIfNeeded: value)
            for offset in address..<(address + count) { bytes[offset] = byte }
            return
        }
        for element in 0..<count { setElement(value, at: address + element * width, width: width) }
    }

    /// Overwrites `contents.count` bytes from `address` on with `contents`.
    mutating func replace(at address: Int, with contents: [UInt8]) {
        bytes.replaceSubrange(address..<(address + contents.count), with: contents)
    }

    /// Copies `count` bytes from `source` at `sourceAddress` to `address`.
    mutating func copy(from source: DeviceMemory, at sourceAddress: Int, to address: Int, count: Int) {
        guard count > 0 else { return }
        source.bytes.withUnsafeBytes { from in
            bytes.withUnsafeMutableBytes { to in
                (to.baseAddress! + address).copyMemory(from: from.baseAddress! + sourceAddress, byteCount: count)
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

    /// As `accumulate(_:at:width:reset:)` for 4-byte accumulators and int32 sums: the GEMM hot path.
    mutating func accumulate(_ sums: [Int32], at address: Int, reset: Bool) {
        sums.withUnsafeBufferPointer { sums in
            bytes.withUnsafeMutableBytes { memory in
                let base = memory.baseAddress! + address
                for (index, sum) in sums.enumerated() {
                    let offset = index * 4
                    let previous = reset ? 0 : Int32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: Int32.self))
                    base.storeBytes(of: (previous &+ sum).littleEndian, toByteOffset: offset, as: Int32.self)
                }
            }
        }
    }

    /// Calls `body` with the raw bytes (read only).
    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try bytes.withUnsafeBytes(body)
    }
}
