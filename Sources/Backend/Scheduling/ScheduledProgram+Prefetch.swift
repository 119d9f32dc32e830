import Accelerator

extension ScheduledProgram {
    /// For each layer, whether its first step loads its constants before the barrier that follows
    /// the previous emitting layer (`LayerStream`'s prefetch): when its weight-buffer slots are
    /// clear of that layer's (`SRAMAllocationPass` puts them at the other end where both fit).
    /// The first emitting layer, and every layer that emits nothing, do not. Throws before
    /// `allocate`.
    func prefetchesConstants() throws -> [Bool] {
        let emitting = layers.indices.filter { layers[$0].work.geometry != nil }
        var result = Array(repeating: false, count: layers.count)
        for (previous, index) in zip(emitting, emitting.dropFirst()) {
            let before = try layers[previous].buffers.value.weightBufferRange
            result[index] = !before.overlaps(try layers[index].buffers.value.weightBufferRange)
        }
        return result
    }
}
