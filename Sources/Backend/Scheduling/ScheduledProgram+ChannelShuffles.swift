/// Where the channels of values stored channel-shuffled lie (`ChannelShuffles`).
extension ScheduledProgram {
    /// How the output of `layer` lies in DRAM when it is stored shuffled: a shuffled Concat's own
    /// output, or a producer's slice of one (its channels `groups` planes apart); `nil` for a value
    /// stored plane after plane.
    func shuffledLayout(ofOutput layer: ScheduledLayer) -> ChannelShuffles.Layout? {
        let value = layer.output.value
        if let layout = shuffles.layout(ofConcat: value) { return layout }
        guard let slice = slices.slice(of: value), let layout = shuffles.layout(ofConcat: slice.concat) else { return nil }
        return ChannelShuffles.Layout(groups: layout.groups, blockChannels: layer.output.dims.count > 1 ? layer.output.dims[1] : 1)
    }

    /// The plane of its Concat's output where a slice written by address starts: its first
    /// channel, or that channel's plane when the Concat is stored shuffled.
    func firstPlane(of slice: ChannelSlices.Slice) -> Int {
        shuffles.layout(ofConcat: slice.concat)?.plane(ofChannel: slice.channelOffset) ?? slice.channelOffset
    }
}
