import IR

/// What a compiled model records about itself besides the program: where it came from, its input
/// and outputs, the preprocessing chosen at compile time, class labels and how it was calibrated.
/// Stored as the `META` section. Holds no timestamps, so the same inputs give the same bytes.
public struct ModelMetadata: Codable, Hashable, Sendable {
    /// The model's name (the ONNX file name without extension).
    public var name: String
    /// The ONNX file as given on the command line.
    public var source: String
    /// The vggc version that wrote the file.
    public var producer: String
    /// The graph input that images feed, with its shape.
    public var inputName: String
    public var inputShape: [Int]
    /// The graph outputs, in order.
    public var outputNames: [String]
    public var preprocessing: Preprocessing
    /// Class names by output index; empty when none were given.
    public var labels: [String]
    /// How activation ranges were obtained ("entropy over 200 images of calib/", "data-free: …").
    public var calibration: String

    public init(name: String, source: String, producer: String, inputName: String, inputShape: [Int],
                outputNames: [String], preprocessing: Preprocessing, labels: [String], calibration: String) {
        self.name = name
        self.source = source
        self.producer = producer
        self.inputName = inputName
        self.inputShape = inputShape
        self.outputNames = outputNames
        self.preprocessing = preprocessing
        self.labels = labels
        self.calibration = calibration
    }
}
