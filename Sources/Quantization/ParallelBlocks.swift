import Foundation

/// Work over `0..<count` cut into one contiguous block per processor, the blocks run at once. Each
/// block computes only its own indices' results, in their order, so the outcome is the one a single
/// loop gives, whatever the number of processors.
enum ParallelBlocks {
    /// Runs `body` on each block of `0..<count`, all blocks at once.
    static func forEach(of count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let blocks = blockCount(count)
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            body((count * block / blocks)..<(count * (block + 1) / blocks))
        }
    }

    /// `transform(index)` for every index of `0..<count`, in index order, computed on every processor.
    static func map<T>(count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let address = UInt(bitPattern: buffer.baseAddress)
            forEach(of: count) { block in
                guard let output = UnsafeMutablePointer<T>(bitPattern: address) else { return }
                for index in block { (output + index).initialize(to: transform(index)) }
            }
            initialized = count
        }
    }

    /// `transform(block)` for each block of `0..<count`, in block order: partial results to combine.
    static func map<T>(blocksOf count: Int, _ transform: @Sendable (Range<Int>) -> T) -> [T] {
        let blocks = blockCount(count)
        return map(count: blocks) { block in transform((count * block / blocks)..<(count * (block + 1) / blocks)) }
    }

    /// One block per processor, at least one and at most one per index.
    private static func blockCount(_ count: Int) -> Int {
        max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
    }
}
