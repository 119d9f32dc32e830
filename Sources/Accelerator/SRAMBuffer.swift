/// One on-chip SRAM buffer.
public struct SRAMBuffer: Codable, Hashable, Sendable {
    /// What the buffer holds.
    public enum Role: String, Codable, Hashable, Sendable, CaseIterable {
        /// Input feature-map tiles (int8).
        case input
        /// Weight tiles (int8) plus per-channel bias and requantization parameters.
        case weight
        /// Partial sums (int32).
        case accumulator
        /// Post-processed output tiles (int8) waiting for the store unit.
        case output

        /// Decodes a role from its name, refusing an unknown one with
        /// `ConfigKeyProblem.unknownValue` (the name and every role's).
        public init(from decoder: any Decoder) throws {
            self = try ConfigKeyProblem.value(try decoder.singleValueContainer().decode(String.self), of: Role.self,
                                              at: decoder.codingPath)
        }
    }

    public var role: Role
    /// Capacity in bytes.
    public var bytes: Int

    public init(role: Role, bytes: Int) {
        self.role = role
        self.bytes = bytes
    }
}
