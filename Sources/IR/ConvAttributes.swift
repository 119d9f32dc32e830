/// Attributes of a convolution (`Op.conv`). Inputs: `X [N, C, spatial...]`, `W [M, C/group,
/// kernel...]`, optional `B [M]`. One or two spatial axes; a 1-D convolution is a 2-D one of height 1.
public struct ConvAttributes: Hashable, Sendable {
    /// Kernel extent per spatial axis.
    public var kernelShape: [Int]
    /// Stride per spatial axis.
    public var strides: [Int]
    /// Dilation per spatial axis.
    public var dilations: [Int]
    /// Padding of the input.
    public var padding: Padding
    /// Number of groups; `group == C == M` is a depthwise convolution.
    public var group: Int
    /// Activation fused into the output, if any.
    public var activation: Activation?

    public init(kernelShape: [Int], strides: [Int], dilations: [Int], padding: Padding, group: Int,
                activation: Activation? = nil) {
        self.kernelShape = kernelShape
        self.strides = strides
        self.dilations = dilations
        self.padding = padding
        self.group = group
        self.activation = activation
    }
}
