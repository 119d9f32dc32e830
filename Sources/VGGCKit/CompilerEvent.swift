/// What `Compiler` tells its observer while it works, in order.
public enum CompilerEvent: Hashable, Sendable {
    /// A stage that may take a while begins: `import` (reading the model) and `quantize`
    /// (calibration and quantization).
    case started(stage: String)
    /// A stage ended; `result` is what it produced.
    case finished(stage: String, result: StageResult)
    /// Calibration has run `done` of `total` images.
    case calibrating(done: Int, total: Int)
    /// Something the user should know about the compile.
    case note(CompilerNote)
}
