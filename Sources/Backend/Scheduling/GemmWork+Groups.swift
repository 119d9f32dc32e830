/// The channel tiling of a convolution by groups. An ordinary convolution is one group; a grouped
/// one (`groups` > 1) tiles each group's output channels on their own and sums each over its
/// group's input channels only, read at the group's channel offset, so that a group's `GEMM`s use
/// as much of the array as its channels fill instead of `1/groups` of it (block-diagonal weights
/// over every input channel would multiply zeros).
extension GemmWork {
    /// Output channels of one group (all of them unless grouped).
    var groupOutputChannels: Int { geometry.outputChannels / groups }
    /// Input channels of one group (all of them unless grouped).
    var groupInputChannels: Int { geometry.inputChannels / groups }

    /// The output-channel tiles of `tile` in order, group by group, each with the input-channel
    /// tiles it sums over.
    func channelTiles(_ tile: TileShape) -> [GemmChannelTile] {
        let inputTiles = depthwise ? [0..<1] : Array(TileRanges(size: groupInputChannels, tile: tile.inputChannels))
        return (0..<groups).flatMap { group in
            TileRanges(size: groupOutputChannels, tile: tile.outputChannels).map { outputs in
                let offset = group * groupOutputChannels
                return GemmChannelTile(outputs: (offset + outputs.lowerBound)..<(offset + outputs.upperBound), group: group,
                                       inputs: inputTiles, inputOffset: group * groupInputChannels)
            }
        }
    }
}

/// One output-channel tile of a convolution and the input-channel tiles it sums over.
struct GemmChannelTile: Hashable, Sendable {
    /// Output channels of the layer.
    var outputs: Range<Int>
    /// The group the channels belong to (0 unless grouped).
    var group: Int
    /// Input channels of the group, as the weight rows index them (`[0..<1]` when depthwise).
    var inputs: [Range<Int>]
    /// The layer's input channel of the group's first.
    var inputOffset: Int

    /// Channels `inputs` of the group as channels of the layer's input.
    func layerChannels(_ inputs: Range<Int>) -> Range<Int> {
        (inputOffset + inputs.lowerBound)..<(inputOffset + inputs.upperBound)
    }
}
