import IR
import Accelerator
import Quantization

/// The per-output-channel records `POST` reads: `bias, multiplier, shift` (three int32), with
/// layer-wide requantization parameters repeated in every record.
enum ParameterRecords {
    /// One `[bias, multiplier, shift]` per output channel.
    static func records(_ conv: QuantizedConv) -> [[Int32]] {
        (0..<conv.outputChannels).map { channel in
            switch conv.requantization {
            case .multiplier(let multipliers):
                let multiplier = multipliers.count == 1 ? multipliers[0] : multipliers[channel]
                return [conv.bias[channel], multiplier.multiplier, Int32(multiplier.shift)]
            case .shift(let shift):
                return [conv.bias[channel], 0, Int32(shift)]
            case .cuScale(let scale):
                return [conv.bias[channel], scale, 16]
            }
        }
    }

    /// The `POST` requantization kind of a layer.
    static func kind(_ requantization: Requantization) -> RequantizationKind {
        switch requantization {
        case .multiplier: return .multiplier
        case .shift: return .shift
        case .cuScale: return .cuScale
        }
    }
}
