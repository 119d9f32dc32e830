import Foundation

/// What the simulator writes besides the final DRAM: each instruction's first cycle and end (the
/// cycle after its last), the index END was found at, the cycle `done` rose and the wall-clock
/// seconds the simulation took.
public struct SimulationTrace: Hashable, Sendable {
    /// By stream index; instructions that never ran (END) are missing.
    public var spans: [Int: Range<Int>]
    public var endIndex: Int
    public var cycles: Int
    public var seconds: Double

    /// Parses the trace file's text (`index start end` lines, then `end`, `cycles` and `seconds`).
    public init(text: String, path: String) throws {
        spans = [:]
        var end: Int?, cycles: Int?, seconds: Double?
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            switch (words.first, words.count) {
            case ("end", 2): end = Int(words[1])
            case ("cycles", 2): cycles = Int(words[1])
            case ("seconds", 2): seconds = Double(words[1])
            case (_, 3):
                guard let index = Int(words[0]), let start = Int(words[1]), let stop = Int(words[2]), start <= stop else {
                    throw CosimulationError.malformedTrace(path: path, reason: "line '\(line)'")
                }
                spans[index] = start..<stop
            default:
                throw CosimulationError.malformedTrace(path: path, reason: "line '\(line)'")
            }
        }
        guard let end, let cycles, let seconds else {
            throw CosimulationError.malformedTrace(path: path, reason: "no end, cycles or seconds line")
        }
        (endIndex, self.cycles, self.seconds) = (end, cycles, seconds)
    }
}
