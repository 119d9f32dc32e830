/// The constants' part of DRAM that `place-dram` lays out from address 0: every layer's weights,
/// parameter records and tables, in layer order, each block aligned. It depends on the graph and
/// not on the config, so a design-space sweep builds it once and hands it to every compile
/// (`BackendPipeline.standard(reusing:)`).
public struct ConstantImage: Sendable {
    /// The image's bytes.
    public let bytes: [UInt8]
    /// Where each layer's constants start, by layer index (`nil`: a layer without constants).
    let placements: [ConstantPlacement?]

    /// The image of `program`'s layers. Throws `BackendError.unsupportedLayer` for weights of a
    /// type the accelerator does not read.
    public init(program: ScheduledProgram) throws {
        var image: [UInt8] = []
        // Allocated once: growing it would copy the weights (VGG16's 132 MiB) into each larger buffer.
        image.reserveCapacity(program.layers.reduce(0) { $0 + DRAMLayoutPass.mostConstantBytes(of: $1) })
        placements = try program.layers.map { try DRAMLayoutPass.appendConstants(of: $0, to: &image) }
        bytes = image
    }
}
