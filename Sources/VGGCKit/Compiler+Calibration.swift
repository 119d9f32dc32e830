import Foundation
import Calibration
import IR
import Runtime

extension Compiler {
    /// Activation ranges, and how they were obtained (recorded in the compiled model).
    struct ActivationRanges {
        var ranges: [String: ClosedRange<Float>]
        /// Each value's channel means for bias correction: from images only (data-free has none).
        var channelMeans: [String: [Float]] = [:]
        var description: String
    }

    /// The ranges `options.calibration` asks for: data-free (with `imported`, the graph before the
    /// passes), or the float reference over the first images of a directory (by file name),
    /// preprocessed as the compiled model will be.
    func activationRanges(_ graph: Graph, imported: Graph?, preprocessing: Preprocessing,
                          observe: (CompilerEvent) throws -> Void) throws -> ActivationRanges {
        switch options.calibration {
        case .dataFree:
            try observe(.note(.calibratingDataFree))
            return ActivationRanges(ranges: try DataFreeCalibration.ranges(of: graph, imported: imported, preprocessing: preprocessing),
                                    description: "data-free (BatchNorm statistics, synthetic inputs)")
        case .images(let directory, let count, let method):
            let files = Array(try ImageDirectory.imageFiles(in: directory).prefix(count))
            var calibrator = Calibrator(graph: graph, method: method)
            try observe(.calibrating(done: 0, total: files.count))
            for (index, file) in files.enumerated() {
                try calibrator.observe(try preprocessing.loadTensor(imageAt: file))
                try observe(.calibrating(done: index + 1, total: files.count))
            }
            return ActivationRanges(ranges: calibrator.ranges(), channelMeans: calibrator.channelMeans(),
                                    description: "\(method) over \(files.count) images of \(directory.relativePath)")
        }
    }
}
