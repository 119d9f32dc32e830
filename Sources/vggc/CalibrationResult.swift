import Foundation
import IR
import Runtime
import Calibration

/// Activation ranges from calibration images, and how they were obtained.
struct CalibrationResult {
    var ranges: [String: ClosedRange<Float>]
    var description: String

    /// Runs the float reference over the first `count` images of `directory` (by file name),
    /// preprocessed, and collects `method`'s ranges. Shows progress on a terminal.
    static func measure(_ graph: Graph, images directory: String, count: Int, method: CalibrationMethod,
                        preprocessing: Preprocessing) throws -> CalibrationResult {
        let files = Array(try ImageDirectory.imageFiles(in: URL(fileURLWithPath: directory)).prefix(count))
        guard !files.isEmpty else {
            throw RuntimeError.io(path: directory, reason: "no calibration images (.png, .jpg, .jpeg, .ppm, .pgm) found")
        }
        var calibrator = Calibrator(graph: graph, method: method)
        for (index, file) in files.enumerated() {
            Console.progress("calibrating (\(method)): image \(index + 1)/\(files.count)")
            try calibrator.observe(try preprocessing.loadTensor(imageAt: file))
        }
        return CalibrationResult(ranges: calibrator.ranges(),
                                 description: "\(method) over \(files.count) images of \(directory)")
    }
}
