import Accelerator

/// A layer whose output stays on chip (`sramOutput`, no `dramOutput`), compared through a copy of
/// its SRAM region that the simulator takes when the layer's last compute-unit instruction ends
/// (`vggc_sim`'s SNAPSHOTS): by then every instruction that writes the output has run, and the
/// next layer, behind the layer-boundary barrier, has not touched it.
struct OnChipSnapshot: Hashable, Sendable {
    let layer: String
    let tensor: SRAMTensor
    /// The stream index whose end the copy follows.
    let instruction: Int
    /// Planes, rows and columns as `AcceleratorModel` reads the tensor (`dims` `[n, c, h, w…]`).
    let planes: Int, rows: Int, columns: Int

    /// The snapshot of `layer`, or nil when its output reaches DRAM, it has no on-chip output, or
    /// no compute-unit instruction of its own.
    init?(_ layer: ProgramLayer, in program: AcceleratorProgram) {
        guard layer.dramOutput == nil, let tensor = layer.sramOutput,
              let last = layer.instructions.last(where: { program.instructions[$0].unit == .compute }) else { return nil }
        (self.layer, self.tensor, instruction) = (layer.name, tensor, last)
        let dims = tensor.dims
        (planes, rows, columns) = (dims.prefix(2).reduce(1, *), dims.count > 2 ? dims[2] : 1,
                                   dims.count > 3 ? dims[3...].reduce(1, *) : 1)
    }

    /// Bytes from `tensor.address` to the end of its last element.
    var bytes: Int {
        guard planes > 0, rows > 0, columns > 0 else { return 0 }
        let last = (planes - 1) * tensor.planePitch + (rows - 1) * tensor.rowPitch + columns
        return last * tensor.elementBytes
    }

    /// The simulator's request line: `index buffer address bytes`.
    var request: String { "\(instruction) \(tensor.buffer.fieldValue) \(tensor.address) \(bytes)" }

    /// The first byte where `copy` (the simulator's `bytes` bytes) differs from `expected` (the model's
    /// values of the tensor, row-major), described; nil when they agree.
    func difference(expected: [Int32], copy: ArraySlice<UInt8>) -> String? {
        let width = tensor.elementBytes
        var element = 0
        for plane in 0..<planes {
            for row in 0..<rows {
                for column in 0..<columns {
                    let offset = ((plane * tensor.planePitch + row * tensor.rowPitch) + column) * width
                    for byte in 0..<width {
                        let want = UInt8(truncatingIfNeeded: Int64(expected[element]) >> (8 * byte))
                        let got = copy[copy.startIndex + offset + byte]
                        if want != got {
                            return "layer \(layer) (on chip) differs at byte \(element * width + byte) (element \(element), "
                                + "\(tensor.buffer.rawValue) buffer 0x\(String(tensor.address + offset + byte, radix: 16))): "
                                + "model 0x\(String(want, radix: 16)), RTL 0x\(String(got, radix: 16))"
                        }
                    }
                    element += 1
                }
            }
        }
        return nil
    }
}
