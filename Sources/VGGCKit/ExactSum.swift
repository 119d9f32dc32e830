/// The exact sum of any number of finite `Double`s (a fixed-point accumulator wide enough for every
/// double), so that adding the same values in any order or grouping gives the same total: an
/// evaluation split over threads or shards reports the same statistics as one run.
///
/// It is stored as a two's-complement integer of `limbCount` 64-bit limbs counting units of
/// 2^`lowestExponent`; the top limb is headroom for 2^63 additions of the largest double.
/// In JSON it is a string `[-]0x<hex digits>p<exponent>`: the hexadecimal integer times 2^exponent.
public struct ExactSum: Hashable, Sendable, Codable {
    static let lowestExponent = -1088
    static let limbCount = 34
    private var limbs = [UInt64](repeating: 0, count: limbCount)

    /// Zero.
    public init() {}

    /// Adds `value` exactly; a value that is not finite is a programming error.
    public mutating func add(_ value: Double) {
        precondition(value.isFinite, "ExactSum adds finite values only, not \(value)")
        guard value != 0 else { return }
        let isSubnormal = value.exponentBitPattern == 0
        let significand = value.significandBitPattern | (isSubnormal ? 0 : 1 << 52)
        let exponent = (isSubnormal ? 1 : Int(value.exponentBitPattern)) - 1075
        var magnitude = ExactSum()
        magnitude.addBits(significand, at: exponent - Self.lowestExponent)
        if value < 0 { magnitude.negate() }
        add(magnitude)
    }

    /// Adds another exact sum.
    public mutating func add(_ other: ExactSum) {
        var carry = false
        for index in limbs.indices {
            let (partial, overflow1) = limbs[index].addingReportingOverflow(other.limbs[index])
            let (total, overflow2) = partial.addingReportingOverflow(carry ? 1 : 0)
            limbs[index] = total
            carry = overflow1 || overflow2
        }
    }

    /// The sum rounded to the nearest double (ties to even).
    public var value: Double {
        let negative = isNegative
        var magnitude = self
        if negative { magnitude.negate() }
        guard let top = magnitude.highestSetBit else { return 0 }
        let windowLow = top - 63
        var window = magnitude.bits(from: windowLow)
        if windowLow > 0, magnitude.hasSetBit(below: windowLow) { window |= 1 }
        let scaled = Double(sign: .plus, exponent: windowLow + Self.lowestExponent, significand: Double(window))
        return negative ? -scaled : scaled
    }

    private var isNegative: Bool { limbs[limbs.count - 1] >> 63 == 1 }

    private mutating func negate() {
        for index in limbs.indices { limbs[index] = ~limbs[index] }
        var one = ExactSum()
        one.limbs[0] = 1
        add(one)
    }

    /// Adds `bits` shifted left by `position` (a bit index of the fixed-point integer).
    private mutating func addBits(_ bits: UInt64, at position: Int) {
        precondition(position >= 0 && position / 64 + 1 < Self.limbCount, "bit \(position) is outside the accumulator")
        var shifted = ExactSum()
        let limb = position / 64, shift = UInt64(position % 64)
        shifted.limbs[limb] = bits << shift
        shifted.limbs[limb + 1] = shift == 0 ? 0 : bits >> (64 - shift)
        add(shifted)
    }

    private var highestSetBit: Int? {
        guard let limb = limbs.lastIndex(where: { $0 != 0 }) else { return nil }
        return limb * 64 + 63 - limbs[limb].leadingZeroBitCount
    }

    /// The 64 bits starting at bit `low` (which may be negative: bits below 0 read as zero).
    private func bits(from low: Int) -> UInt64 {
        (0..<64).reduce(UInt64(0)) { window, offset in
            let position = low + offset
            guard position >= 0, bit(position) else { return window }
            return window | 1 << UInt64(offset)
        }
    }

    private func bit(_ position: Int) -> Bool {
        limbs[position / 64] >> UInt64(position % 64) & 1 == 1
    }

    private func hasSetBit(below position: Int) -> Bool {
        let fullLimbs = position / 64
        if limbs[..<fullLimbs].contains(where: { $0 != 0 }) { return true }
        let remainder = position % 64
        return remainder > 0 && limbs[fullLimbs] & ((1 << UInt64(remainder)) - 1) != 0
    }
}

extension ExactSum {
    /// `[-]0x<hex>p<exponent>`, without leading zero digits or trailing zero digits (zero is `0x0p0`).
    public var exactText: String {
        var magnitude = self
        if isNegative { magnitude.negate() }
        guard let top = magnitude.highestSetBit else { return "0x0p0" }
        var digits: [Character] = []
        var position = top - top % 4
        var lowestNonZero = position
        while position >= 0 {
            let digit = magnitude.bits(from: position) & 0xF
            digits.append(Character(String(digit, radix: 16)))
            if digit != 0 { lowestNonZero = position }
            position -= 4
        }
        let kept = digits.prefix((top - top % 4 - lowestNonZero) / 4 + 1)
        return (isNegative ? "-" : "") + "0x" + String(kept) + "p\(lowestNonZero + Self.lowestExponent)"
    }

    /// Parses `exactText`'s form; `nil` for anything else or a value outside the accumulator.
    public init?(exactText text: String) {
        let negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: "p", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasPrefix("0x"), let exponent = Int(parts[1]) else { return nil }
        let hex = parts[0].dropFirst(2)
        guard !hex.isEmpty, hex.count <= 600, hex.allSatisfy(\.isHexDigit) else { return nil }
        let lowest = exponent - Self.lowestExponent
        guard lowest >= 0, lowest % 4 == 0, lowest + 4 * hex.count + 64 <= 64 * Self.limbCount else { return nil }
        self.init()
        for (offset, character) in hex.reversed().enumerated() {
            addBits(UInt64(character.hexDigitValue!), at: lowest + 4 * offset)
        }
        if negative { negate() }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let sum = ExactSum(exactText: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text.prefix(80))' is not an exact sum ([-]0x<hex>p<exponent>)")
        }
        self = sum
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(exactText)
    }
}
