import Foundation

/// Fresh `AcceleratorState`s that finished runs handed back, so that the next run of the same
/// model starts without allocating and filling its DRAM image. Runs on several threads at once each
/// take their own.
final class AcceleratorStatePool: @unchecked Sendable {
    private let lock = NSLock()
    private var states: [AcceleratorState] = []

    init() {}

    /// A fresh state, if one is waiting.
    func take() -> AcceleratorState? {
        lock.withLock { states.popLast() }
    }

    /// Keeps `state`, which must be fresh (`AcceleratorState.reset(constants:)`), for a later run.
    func give(_ state: AcceleratorState) {
        lock.withLock { states.append(state) }
    }
}
