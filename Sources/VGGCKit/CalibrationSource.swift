import Foundation
import Calibration

/// Where the activation ranges of a float model come from.
public enum CalibrationSource: Hashable, Sendable {
    /// BatchNorm statistics and synthetic inputs: no images needed, real images calibrate better.
    case dataFree
    /// The float reference run over the first `count` images of `directory` (by file name),
    /// preprocessed as the compiled model will be, with `method` turning statistics into ranges.
    case images(directory: URL, count: Int = 200, method: CalibrationMethod = .minMax)

    /// Whether images are fed through the preprocessing at compile time.
    var feedsImages: Bool {
        switch self {
        case .dataFree: return false
        case .images: return true
        }
    }

    /// Refuses an image count below one.
    public func validate() throws {
        switch self {
        case .dataFree:
            return
        case .images(_, let count, _):
            guard count >= 1 else { throw VGGCKitError.calibrationCount(count) }
        }
    }
}
