import Accelerator

/// Where the values kept on chip sit in the input buffer, and the space each layer's input slots
/// get beside them. Values are placed in producer order, each clear of every value placed before
/// it that is live at some layer it is live at: at the top of the buffer if it fits there, else at
/// the bottom, else just below or just above one of those values. A chain of values each read by
/// the next layer therefore alternates between the two ends. A layer's slots take the largest
/// range of the buffer free of the values live while it runs.
struct OnChipLayout: Hashable, Sendable {
    /// The values kept on chip, placed, in producer order.
    private(set) var values: [OnChipValue] = []
    /// Bytes of the input buffer.
    let inputBuffer: Int

    /// No value on chip.
    init(inputBuffer: Int) {
        self.inputBuffer = inputBuffer
    }

    /// The layout of the values the residency stage kept on chip; throws before it has run.
    init(program: ScheduledProgram) throws {
        self.init(inputBuffer: program.config.buffer(.input)?.bytes ?? 0)
        for index in program.layers.indices where try program.layers[index].output.isOnChip {
            guard let value = OnChipValue(program: program, producer: index), let placed = placing(value) else {
                throw BackendError.invalidSchedule(layer: program.layers[index].layer.name, stage: BackendStage.allocate.rawValue,
                                                   detail: "keeps '\(program.layers[index].layer.output)' on chip, where it cannot be placed")
            }
            self = placed
        }
    }

    /// This layout with `value` placed too, or `nil` when it takes more than half the buffer or no
    /// place is clear of the values live beside it.
    func placing(_ value: OnChipValue) -> OnChipLayout? {
        guard value.bytes * 2 <= inputBuffer else { return nil }
        let live = values.filter { $0.producer <= value.lastReader && value.producer <= $0.lastReader }
        let below = live.map { $0.address - value.bytes }.filter { $0 >= 0 }
        let above = live.map { $0.address + $0.bytes }
        let candidates = ([inputBuffer - value.bytes, 0] + below).map { $0 / TileFootprint.alignment * TileFootprint.alignment } + above
        guard let address = candidates.first(where: { address in
            address >= 0 && address + value.bytes <= inputBuffer
                && live.allSatisfy { address + value.bytes <= $0.address || $0.address + $0.bytes <= address }
        }) else { return nil }
        var placed = value
        placed.address = address
        var layout = self
        layout.values.append(placed)
        return layout
    }

    /// The value layer `producer` keeps on chip, if it does.
    func value(producedBy producer: Int) -> OnChipValue? {
        values.first { $0.producer == producer }
    }

    /// Whether the value named `name` is kept on chip.
    func keeps(_ name: String) -> Bool {
        values.contains { $0.name == name }
    }

    /// The values live while layer `index` runs, in producer order.
    func live(at index: Int) -> [OnChipValue] {
        values.filter { $0.isLive(at: index) }
    }

    /// The largest range of the input buffer free of the values live while layer `index` runs (the
    /// lowest of equal ones): where its input slots go.
    func slotRange(at index: Int) -> Range<Int> {
        var best = 0..<0, start = 0
        for value in live(at: index).sorted(by: { $0.address < $1.address }) {
            if value.address - start > best.count { best = start..<value.address }
            start = max(start, value.address + value.bytes)
        }
        if inputBuffer - start > best.count { best = start..<inputBuffer }
        return best
    }
}
