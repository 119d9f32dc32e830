import Foundation

/// Rate and time left of a loop over items, for progress lines; the clock starts at the first report.
struct ProgressMeter {
    private var start: UInt64?

    /// `done/total`, then the rate and the estimated seconds left once anything is done.
    mutating func line(done: Int, total: Int) -> String {
        let now = DispatchTime.now().uptimeNanoseconds
        let start = self.start ?? now
        self.start = start
        let seconds = Double(now - start) / 1e9
        guard done > 0, seconds > 0 else { return "\(done)/\(total)" }
        let rate = Double(done) / seconds
        return String(format: "%d/%d, %.1f/s, ETA %.0f s", done, total, rate, Double(total - done) / rate)
    }
}
