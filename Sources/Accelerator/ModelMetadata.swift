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
    /// Class names by output index; empty when none were given. Stored in its own `LABL` section.
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

    package enum CodingKeys: String, CodingKey {
        case name, source, producer, inputName, inputShape, outputNames, preprocessing, calibration
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        source = try container.decode(String.self, forKey: .source)
        producer = try container.decode(String.self, forKey: .producer)
        inputName = try container.decode(String.self, forKey: .inputName)
        inputShape = try container.decode([Int].self, forKey: .inputShape)
        outputNames = try container.decode([String].self, forKey: .outputNames)
        preprocessing = try container.decode(Preprocessing.self, forKey: .preprocessing)
        calibration = try container.decode(String.self, forKey: .calibration)
        labels = []
    }
}
