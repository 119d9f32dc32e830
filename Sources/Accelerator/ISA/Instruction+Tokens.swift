extension Instruction {
    /// The queues this instruction pops before it starts, in bit order; throws
    /// `AcceleratorError.illegalDependency` when a bit names a neighbour the unit does not have.
    public func poppedQueues(index: Int) throws -> [TokenQueue] {
        guard let unit else { return [] }
        var queues: [TokenQueue] = []
        if dependencies.popPrevious { queues.append(try queue(from: unit.previous, to: unit, index: index, bit: "pop-previous")) }
        if dependencies.popNext { queues.append(try queue(from: unit.next, to: unit, index: index, bit: "pop-next")) }
        return queues
    }

    /// The queues this instruction pushes into when it finishes, in bit order.
    public func pushedQueues(index: Int) throws -> [TokenQueue] {
        guard let unit else { return [] }
        var queues: [TokenQueue] = []
        if dependencies.pushPrevious { queues.append(try queue(from: unit, to: unit.previous, index: index, bit: "push-previous")) }
        if dependencies.pushNext { queues.append(try queue(from: unit, to: unit.next, index: index, bit: "push-next")) }
        return queues
    }

    private func queue(from source: ExecutionUnit?, to destination: ExecutionUnit?, index: Int, bit: String) throws -> TokenQueue {
        guard let source, let destination, let queue = TokenQueue(from: source, to: destination) else {
            throw AcceleratorError.illegalDependency(instruction: index, layer: layer, mnemonic: mnemonic, bit: bit)
        }
        return queue
    }
}
