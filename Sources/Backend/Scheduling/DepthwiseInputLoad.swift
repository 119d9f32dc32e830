import Accelerator

/// One group of a depthwise layer's input `LOAD`s (`TileCostModel.depthwiseInputLoads`): the `LOAD`
/// of one tile over every channel, the bus words its rows touch and how many tiles it stands for.
struct DepthwiseInputLoad: Hashable, Sendable {
    var load: LoadInstruction
    var words: Int
    var tiles: Int
}
