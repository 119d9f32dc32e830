import Foundation

/// What generating the RTL of a config can fail on. Each case names the config or file.
public enum RTLError: Error, Hashable, Sendable, LocalizedError {
    /// The config's DRAM bus is not 8, 16, 32, 64 or 128 bits, the widths the memory port handles.
    case unsupportedBusWidth(config: String, bits: Int)
    /// A config whose `dram.bytesPerCycle` needs more memory ports (`DRAMInterface.ports`) than the
    /// RTL is generated with.
    case tooManyDRAMPorts(config: String, ports: Int, maximum: Int)
    /// A config without one of the four buffers.
    case missingBuffer(config: String, role: String)
    /// The output directory or one of its files could not be written.
    case unwritableOutput(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .unsupportedBusWidth(let config, let bits):
            return "\(config): dram.busWidthBits \(bits) is not one the RTL's memory port handles (8, 16, 32, 64 or 128)"
        case .tooManyDRAMPorts(let config, let ports, let maximum):
            return "\(config): dram.bytesPerCycle needs \(ports) memory ports of one bus word; the RTL has at most \(maximum)"
        case .missingBuffer(let config, let role):
            return "\(config): the RTL needs a \(role) buffer"
        case .unwritableOutput(let path, let reason):
            return "\(path): cannot write (\(reason))"
        }
    }
}
