import Foundation

/// Runs independent jobs (each one or two `vggc` processes) on two lanes, results in job order.
enum TwoLanes {
    static func map<Job: Sendable>(_ jobs: [Job], _ body: @Sendable (Job) -> String) -> [String] {
        let results = Results(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: 2) { lane in
            for index in stride(from: lane, to: jobs.count, by: 2) { results.set(index, body(jobs[index])) }
        }
        return results.values
    }

    /// Results written by index from two lanes.
    private final class Results: @unchecked Sendable {
        private var storage: [String]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: "", count: count) }
        func set(_ index: Int, _ value: String) { lock.withLock { storage[index] = value } }
        var values: [String] { lock.withLock { storage } }
    }
}
