/// The stages of the backend pipeline, in the order they run. Each decides its own part of the
/// scheduled program IR, once (`Decision`); its raw value is the name `--dump-ir=STAGE` and
/// `--stop-after STAGE` use.
public enum BackendStage: String, Hashable, Sendable, CaseIterable {
    /// Which values stay on chip between two layers.
    case residency
    /// Each layer's tiles and loop order.
    case tile
    /// DRAM addresses of the constants and of every value in DRAM.
    case placeDRAM = "place-dram"
    /// SRAM addresses of every slot and every value kept on chip.
    case allocate
    /// The instruction stream.
    case lower
    /// The stream's checks and its modeled timing.
    case check
}
