import Accelerator

/// A layer output that can stay on chip from its producer's first write to its last reader's last
/// read: one box in the input buffer with the value in its interior and, around it, the widest
/// padding any reader needs, filled with the pad value of the readers that pad. Each reader sees
/// its own padded input box inside it (`view(forReader:)`), so a convolution that pads and an Add
/// that does not read the same bytes.
struct OnChipValue: Hashable, Sendable {
    /// Its name in the quantized graph.
    var name: String
    /// The layer that writes it.
    var producer: Int
    /// The layers that read it, in program order (each once, however many of its operands it is).
    var readers: [Int]
    /// `[N, C, H, W]` (or `[N, K]`), and its planes.
    var dims: [Int]
    var channels: Int
    var height: Int
    var width: Int
    /// Rows and columns of padding around the value (the most any reader needs on each side).
    var padTop = 0, padLeft = 0, padBottom = 0, padRight = 0
    /// The padding's value; 0 when no reader pads.
    var padValue: Int32 = 0
    var elementBytes: Int
    /// Byte address of the box in the input buffer, once `OnChipLayout` has placed it.
    var address = 0

    /// The value layer `producer` writes, when its readers can read it on chip: the producer runs
    /// instructions and does not read a Concat slice; its output is no graph output; every reader
    /// runs instructions, takes it as its only input or is an Add, does not fold its kernel into
    /// planes (those `LOAD` from DRAM), reads planes of one height and width; the readers that pad agree on
    /// the pad value. `nil` otherwise. Size against the buffer is `OnChipLayout`'s concern.
    init?(program: ScheduledProgram, producer: Int) {
        let layer = program.layers[producer], value = layer.layer.output
        guard layer.work.geometry != nil, !layer.layer.inputs.contains(where: program.slices.isSlice),
              !program.graph.outputs.contains(where: { $0.value == value }) else { return nil }
        let readers = program.layers.indices.filter { $0 > producer && program.layers[$0].layer.inputs.contains(value) }
        var padValues: Set<Int32> = []
        var planes: (height: Int, width: Int)?
        for reader in readers {
            let work = program.layers[reader].work
            guard let geometry = work.geometry, work.kernelFold == nil, Self.readsOnChip(work, inputs: program.layers[reader].layer.inputs.count)
            else { return nil }
            let readerPlanes = (geometry.inputHeight, geometry.inputWidth)
            guard planes.map({ $0 == readerPlanes }) ?? true else { return nil }
            planes = readerPlanes
            (padTop, padLeft) = (max(padTop, geometry.padTop), max(padLeft, geometry.padLeft))
            (padBottom, padRight) = (max(padBottom, geometry.padBottom), max(padRight, geometry.padRight))
            if geometry.padTop + geometry.padLeft + geometry.padBottom + geometry.padRight > 0 { padValues.insert(work.padValue) }
        }
        guard let planes, padValues.count <= 1 else { return nil }
        name = value
        self.producer = producer
        self.readers = readers
        dims = layer.output.dims
        channels = LayerClassifier.planes(dims).channels
        (height, width) = planes
        padValue = padValues.first ?? 0
        elementBytes = program.elementBytes
    }

    /// Whether a layer doing `work` with `inputs` inputs can read one of them on chip: an Add reads
    /// each operand where it lives; any other layer only a sole input (a product's gate, a Concat's
    /// inputs come from DRAM).
    private static func readsOnChip(_ work: LayerWork, inputs: Int) -> Bool {
        switch work {
        case .add: return true
        case .gemm, .pool, .elementwise, .concat, .alias: return inputs == 1
        }
    }

    /// The last layer that reads it: it is live from `producer` through this layer.
    var lastReader: Int { readers.last ?? producer }

    /// Whether it occupies its box while layer `index` runs.
    func isLive(at index: Int) -> Bool { (producer...lastReader).contains(index) }

    /// Rows and columns of the box.
    var boxHeight: Int { padTop + height + padBottom }
    var boxWidth: Int { padLeft + width + padRight }

    /// Bytes the box takes in the input buffer, aligned like a slot.
    var bytes: Int { TileFootprint.aligned(channels * boxHeight * boxWidth * elementBytes) }

    /// Whether the box has padding the producer fills before writing the value into it.
    var isPadded: Bool { padTop + padLeft + padBottom + padRight > 0 }

    /// The whole box.
    var box: SRAMTensor { tensor(at: address) }

    /// Where the producer writes the value: the box's interior, with the box's pitches.
    var interior: SRAMTensor { tensor(at: address + (padTop * boxWidth + padLeft) * elementBytes) }

    /// Where a reader with `geometry` finds its padded input box: as many rows and columns of the
    /// box's padding as it pads itself lie before its first element.
    func view(forReader geometry: PlaneGeometry) -> SRAMTensor {
        tensor(at: address + ((padTop - geometry.padTop) * boxWidth + padLeft - geometry.padLeft) * elementBytes)
    }

    private func tensor(at byte: Int) -> SRAMTensor {
        SRAMTensor(buffer: .input, address: byte, planePitch: boxHeight * boxWidth, rowPitch: boxWidth, dims: dims,
                   elementBytes: elementBytes)
    }
}
