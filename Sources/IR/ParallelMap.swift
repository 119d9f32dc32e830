import Foundation

/// Independent work over the indices `0..<count` run on every processor at once. Each index (or
/// block of indices) computes only its own result, and results come back in index order, so the
/// outcome is the one a single loop gives, whatever the number of processors.
package enum ParallelMap {
    /// Runs `body` on `0..<count` cut into one contiguous block per processor, all blocks at once.
    package static func forEachBlock(of count: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let blocks = blockCount(count)
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            body((count * block / blocks)..<(count * (block + 1) / blocks))
        }
    }

    /// `transform(index)` for every index of `0..<count`, in index order; a free processor takes
    /// the next index, so pieces of uneven cost share out evenly.
    package static func map<T>(count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let address = UInt(bitPattern: buffer.baseAddress)
            DispatchQueue.concurrentPerform(iterations: count) { index in
                guard let output = UnsafeMutablePointer<T>(bitPattern: address) else { return }
                (output + index).initialize(to: transform(index))
            }
            initialized = count
        }
    }

    /// `transform(block)` for `0..<count` cut into one block per processor, in block order: partial
    /// results to combine.
    package static func map<T>(blocksOf count: Int, _ transform: @Sendable (Range<Int>) -> T) -> [T] {
        let blocks = blockCount(count)
        return map(count: blocks) { block in transform((count * block / blocks)..<(count * (block + 1) / blocks)) }
    }

    /// One block per processor, at least one and at most one per index.
    private static func blockCount(_ count: Int) -> Int {
        max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
    }
}
