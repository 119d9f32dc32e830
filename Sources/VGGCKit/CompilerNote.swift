/// What a compile tells its user besides the result.
public enum CompilerNote: Hashable, Sendable {
    /// No calibration images: the ranges come from BatchNorm statistics and synthetic inputs,
    /// which calibrate worse than real images.
    case calibratingDataFree
    /// The model is already quantized (QuantizeLinear/DequantizeLinear): its own scales are used,
    /// the calibration images are not.
    case calibrationImagesIgnored
}
