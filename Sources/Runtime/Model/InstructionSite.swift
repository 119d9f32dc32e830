import Accelerator


/// Which instruction the accelerator model is executing, for the errors it raises: the stream
/// index, the mnemonic and the layer's name from the program's layer table.
struct InstructionSite: Hashable, Sendable {
    var index: Int
    var mnemonic: String
    var layer: String

    init(index: Int, instruction: Instruction, layerNames: [String]) {
        self.index = index
        mnemonic = instruction.mnemonic
        layer = instruction.layerName(in: layerNames)
    }

    /// `RuntimeError.illegalInstruction` with `reason` unless `condition` holds.
    func require(_ condition: Bool, _ reason: @autoclosure () -> String) throws {
        guard condition else {
            throw RuntimeError.illegalInstruction(instruction: index, mnemonic: mnemonic, layer: layer, reason: reason())
        }
    }

    /// Checks that `bytes` is 1, 2, 4 or 8 (`what` names the field).
    func requireWidth(_ bytes: Int, _ what: String) throws {
        try require([1, 2, 4, 8].contains(bytes), "\(what) \(bytes) is not 1, 2, 4 or 8 bytes")
    }
}
