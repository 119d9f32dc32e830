/// One part of a split of the input images: of the images in input order (sorted, then cut by any
/// limit), image `k` belongs to shard `k mod count`. Shard results merge back into the whole
/// (`Shard.interleaving`, `EvaluationResult.merging`).
public struct Shard: Hashable, Sendable, Codable {
    /// From 0 to `count - 1`.
    public let index: Int
    public let count: Int

    /// Every image: shard 0 of 1.
    public static let whole = Shard(uncheckedIndex: 0, count: 1)

    /// Refuses a count below 1 or an index outside `0..<count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1, (0..<count).contains(index) else { throw VGGCKitError.invalidShard(index: index, count: count) }
        self.init(uncheckedIndex: index, count: count)
    }

    private init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `I/N`, as `--shard` takes it.
    public init(text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw VGGCKitError.malformedShard(text)
        }
        try self.init(index: index, count: count)
    }

    /// `I/N`.
    public var text: String { "\(index)/\(count)" }

    /// The positions, among `total` images in input order, of this shard's images.
    public func positions(among total: Int) -> [Int] {
        Array(stride(from: index, to: total, by: count))
    }

    /// This shard's elements of `items` (in input order).
    public func select<T>(_ items: [T]) -> [T] {
        positions(among: items.count).map { items[$0] }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { try self.init(text: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text.prefix(80))' is not a shard I/N")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
