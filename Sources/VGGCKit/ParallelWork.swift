import Foundation

/// Runs independent, indexed pieces of work on several threads and returns their results in index
/// order, so that the outcome does not depend on the thread count.
public enum ParallelWork {
    /// The number of cores the process may use: the default for `--jobs`.
    public static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Each worker is a thread of its own (not a shared queue's, which a blocked caller could
    /// starve), with the main thread's usual stack.
    static let workerStackBytes = 8 << 20

    /// `body(0) … body(count - 1)` on up to `jobs` threads of their own, each thread taking the next index when it
    /// is free. `progress(done)` is called on the calling thread once for every finished piece,
    /// `done` counting up from 1. When pieces throw, the pieces not yet started are skipped and the
    /// error of the lowest index is rethrown.
    public static func map<T: Sendable>(count: Int, jobs: Int, progress: (Int) -> Void = { _ in },
                                        _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        precondition(jobs >= 1, "jobs must be at least 1, not \(jobs)")
        let workers = min(jobs, count)
        let state = SharedState<T>(count: count, workers: workers)
        for _ in 0..<workers {
            let thread = Thread {
                while let index = state.nextIndex() {
                    state.finish(index, Result { try body(index) })
                }
                state.workerExited()
            }
            thread.stackSize = workerStackBytes
            thread.start()
        }
        var reported = 0
        while let done = state.waitForProgress(beyond: reported) {
            for count in reported + 1...done { progress(count) }
            reported = done
        }
        return try state.results()
    }

    /// What the threads share, behind one condition lock: the next index, the results, how many
    /// pieces are done and how many workers still run.
    private final class SharedState<T: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        private var next = 0
        private var done = 0
        private var failed = false
        private var runningWorkers: Int
        private var slots: [Result<T, Error>?]

        init(count: Int, workers: Int) {
            slots = Array(repeating: nil, count: count)
            runningWorkers = workers
        }

        func nextIndex() -> Int? {
            condition.withLock {
                guard !failed, next < slots.count else { return nil }
                next += 1
                return next - 1
            }
        }

        func finish(_ index: Int, _ result: Result<T, Error>) {
            condition.withLock {
                slots[index] = result
                if case .failure = result { failed = true }
                done += 1
                condition.broadcast()
            }
        }

        func workerExited() {
            condition.withLock {
                runningWorkers -= 1
                condition.broadcast()
            }
        }

        /// Waits until more than `reported` pieces are done and returns how many; `nil` once every
        /// worker has exited and nothing more is done.
        func waitForProgress(beyond reported: Int) -> Int? {
            condition.withLock {
                while done == reported && runningWorkers > 0 { condition.wait() }
                return done > reported ? done : nil
            }
        }

        /// The results in index order, or the first error in index order.
        func results() throws -> [T] {
            try condition.withLock {
                try slots.compactMap { slot in try slot?.get() }
            }
        }
    }
}
