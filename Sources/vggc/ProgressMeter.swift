import Foundation

/// The progress of a loop over items, on standard error. On a terminal: one line rewritten in place,
/// a bar with the count, the rate and the time left. Otherwise (a log, a cluster job): a plain line
/// `task: done/total (percent), rate/s, ETA s` at the start, whenever another tenth of the items is
/// done or `plainInterval` seconds have passed since the last line, and at the end.
struct ProgressMeter {
    /// Seconds between plain lines when fewer than a tenth of the items finish in that time.
    static let plainInterval = 10.0
    static let barWidth = 24

    let task: String
    let interactive: Bool
    private var start: UInt64?
    private var lastLine: (time: UInt64, tenth: Int)?

    init(task: String, interactive: Bool = Console.stderrIsTerminal) {
        self.task = task
        self.interactive = interactive
    }

    /// Shows that `done` of `total` items are done.
    mutating func update(done: Int, total: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        let start = self.start ?? now
        self.start = start
        let seconds = Double(now - start) / 1e9
        if interactive {
            Console.progress("\(task) " + Self.bar(done: done, total: total) + " " + Self.counts(done: done, total: total, seconds: seconds))
            return
        }
        let tenth = total > 0 ? done * 10 / total : 10
        let due = lastLine.map { tenth > $0.tenth || Double(now - $0.time) / 1e9 >= Self.plainInterval || done == total } ?? true
        guard due else { return }
        lastLine = (now, tenth)
        let percent = total > 0 ? done * 100 / total : 100
        Console.plain("\(task): \(done)/\(total) (\(percent)%)" + Self.rate(done: done, total: total, seconds: seconds))
    }

    /// `[#####-----]`: `barWidth` cells, the done fraction filled.
    static func bar(done: Int, total: Int) -> String {
        let filled = total > 0 ? min(done, total) * barWidth / total : barWidth
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
    }

    /// `done/total` and, once anything is done, the rate and the estimated time left.
    static func counts(done: Int, total: Int, seconds: Double) -> String {
        "\(done)/\(total)" + rate(done: done, total: total, seconds: seconds)
    }

    private static func rate(done: Int, total: Int, seconds: Double) -> String {
        guard done > 0, seconds > 0 else { return "" }
        let perSecond = Double(done) / seconds
        return String(format: ", %.1f/s, ETA %.0f s", perSecond, Double(total - done) / perSecond)
    }
}
