/// The fields of `END`: the header alone. `Instruction.end(layer:)` holds only the layer, since
/// `END` belongs to no unit and may carry no token bits; this type gives `END` a field table like
/// every other opcode's, and the decoder a place for the token bits it must refuse.
package struct EndInstruction: FieldEncodedInstruction {
    package var dependencies: DependencyFlags
    package var layer: Int

    package init(dependencies: DependencyFlags = .none, layer: Int) {
        self.dependencies = dependencies
        self.layer = layer
    }

    /// END's fields: the header.
    package static let fieldTable = FieldTable<EndInstruction>(.end, blank: EndInstruction(layer: 0), operands: [])

    package var instruction: Instruction { .end(layer: layer) }
}
