import Accelerator
import Quantization

/// Everything `Compiler` needs besides the model: the target, calibration, arithmetic, weight
/// granularity, preprocessing, class labels, verification and where to stop.
public struct CompileOptions: Hashable, Sendable {
    /// The hardware the program is scheduled for (`HardwareConfig.load(target:)` reads a preset or a file).
    public var target: HardwareConfig
    /// Where the activation ranges come from (ignored by a pre-quantized model).
    public var calibration: CalibrationSource
    /// The integer arithmetic; `nil` takes the target's.
    public var arithmetic: ArithmeticMode?
    /// One weight scale per output channel or per layer.
    public var weightGranularity: QuantizationOptions.WeightGranularity
    /// How images become the model's input, stored with the model.
    public var preprocessing: PreprocessingChoices
    /// Class names stored with the model, by class index.
    public var labels: [String]
    /// Run the IR verifier after every graph stage.
    public var verify: Bool
    /// The last stage to run (one of `Compiler.stageNames`); `nil` runs every stage. A compile that
    /// stops early has no `CompiledModel`.
    public var stopAfter: String?
    /// The most bytes the float graph's activations may take together (one image): checked before
    /// calibration, which holds them. `defaultActivationByteLimit` unless raised.
    public var activationByteLimit: Int

    /// 4 GiB: VGG16 at 224×224 needs 0.1 GiB; a crafted 1×1×32768×32768 input with one
    /// convolution needs 20 GiB and would exhaust the machine in calibration.
    public static let defaultActivationByteLimit = 1 << 32

    /// Options for `target`: data-free calibration, the target's arithmetic, per-channel weights,
    /// the input's default preprocessing, no labels, verified, every stage, unless given otherwise.
    public init(target: HardwareConfig, calibration: CalibrationSource = .dataFree, arithmetic: ArithmeticMode? = nil,
                weightGranularity: QuantizationOptions.WeightGranularity = .perChannel,
                preprocessing: PreprocessingChoices = PreprocessingChoices(), labels: [String] = [], verify: Bool = true,
                stopAfter: String? = nil, activationByteLimit: Int = CompileOptions.defaultActivationByteLimit) {
        self.target = target
        self.calibration = calibration
        self.arithmetic = arithmetic
        self.weightGranularity = weightGranularity
        self.preprocessing = preprocessing
        self.labels = labels
        self.verify = verify
        self.stopAfter = stopAfter
        self.activationByteLimit = activationByteLimit
    }

    /// The quantizer's options: the chosen arithmetic, else the target's.
    public var quantization: QuantizationOptions {
        QuantizationOptions(arithmetic: arithmetic ?? target.arithmetic, weightGranularity: weightGranularity)
    }

    /// Refuses, before any work, what does not depend on the model: an unknown stop stage, a
    /// calibration count below one, an impossible scale or std.
    public func validate() throws {
        if let stopAfter { try Compiler.checkStage(stopAfter) }
        try calibration.validate()
        try preprocessing.validate()
    }

    /// Whether `stage` runs: every stage up to `stopAfter`.
    func runs(_ stage: String) -> Bool {
        guard let stopAfter, let stop = Compiler.stageNames.firstIndex(of: stopAfter),
              let index = Compiler.stageNames.firstIndex(of: stage) else { return true }
        return index <= stop
    }

    /// `stopAfter` when it names one of `stages` (the stop stage within one pipeline), else `nil`.
    func stop(within stages: [String]) -> String? {
        stopAfter.flatMap { stages.contains($0) ? $0 : nil }
    }
}
