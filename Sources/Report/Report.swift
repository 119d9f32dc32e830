import IR
import Accelerator
import Quantization
import Runtime

/// Everything the HTML report shows of one compiled model and one run of it on the accelerator
/// model; `ReportBuilder` gathers it and `ReportPage` renders it.
public struct Report: Hashable, Sendable {
    /// The model's name, the ONNX file it came from, the vggc that compiled it, how it was calibrated.
    public var network: String
    public var source: String
    public var producer: String
    public var calibration: String
    /// The hardware config and the arithmetic mode.
    public var config: HardwareConfig
    public var arithmetic: ArithmeticMode
    /// What the run was fed (`ReportInput.description`).
    public var input: String
    /// The accuracy as given on the command line, if any.
    public var accuracy: String?
    /// The top class of the first output, for an image input.
    public var prediction: String?
    /// Instructions in the program, and bytes of constants in its DRAM image.
    public var instructionCount: Int
    public var constantBytes: Int
    /// Per-layer and total figures of the run.
    public var statistics: LayerStatistics
    /// Each layer's cycles split by what the compute unit did, in layer-table order.
    public var cycleSplits: [LayerCycleSplit]
    /// Each layer's tiling as the compiler chose it, in layer-table order.
    public var tilings: [String]
    public var energy: EnergyReport
    /// One entry per layer of the quantized graph.
    public var quantization: [LayerQuantization]
    /// The units over the first instructions.
    public var timeline: SVGTimeline

    public init(network: String, source: String, producer: String, calibration: String, config: HardwareConfig,
                arithmetic: ArithmeticMode, input: String, accuracy: String?, prediction: String?, instructionCount: Int,
                constantBytes: Int, statistics: LayerStatistics, cycleSplits: [LayerCycleSplit], tilings: [String],
                energy: EnergyReport, quantization: [LayerQuantization], timeline: SVGTimeline) {
        self.network = network
        self.source = source
        self.producer = producer
        self.calibration = calibration
        self.config = config
        self.arithmetic = arithmetic
        self.input = input
        self.accuracy = accuracy
        self.prediction = prediction
        self.instructionCount = instructionCount
        self.constantBytes = constantBytes
        self.statistics = statistics
        self.cycleSplits = cycleSplits
        self.tilings = tilings
        self.energy = energy
        self.quantization = quantization
        self.timeline = timeline
    }

    /// Cycles of one inference.
    public var latencyCycles: Int { statistics.total.cycles }
    /// Microseconds of one inference at the configured clock.
    public var latencyMicroseconds: Double { Double(latencyCycles) / config.clockMHz }
    /// Inferences per second, one after another.
    public var imagesPerSecond: Double { latencyMicroseconds > 0 ? 1e6 / latencyMicroseconds : 0 }
    /// Peak MACs per cycle (`Po·Pi·Pk·Pp`).
    public var peakMACsPerCycle: Int { config.array.macsPerCycle }
}
