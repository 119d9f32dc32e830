/// Which reduction `POOL` applies (1 bit).
public enum PoolKind: Int, Hashable, Sendable, Codable, CaseIterable, FieldRepresentable {
    case max = 0
    case average = 1
}
