import Testing
@testable import Accelerator

@Suite struct InstructionStreamTests {
    static let stream: [Instruction] = [
        .load(LoadInstruction(dependencies: DependencyFlags(pushNext: true), layer: 0, buffer: .input, elementBytes: 1,
                              dramAddress: 0x1000, sramAddress: 0, depth: 3, rows: 8, columns: 8, dramPlaneStride: 64,
                              dramRowStride: 8, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1, padValue: -128)),
        .sync(SyncInstruction(dependencies: DependencyFlags(popPrevious: true, pushNext: true), layer: 0, unit: .compute)),
        .store(StoreInstruction(dependencies: DependencyFlags(popPrevious: true), layer: 0, elementBytes: 1, sramAddress: 0,
                                dramAddress: 0x2000, depth: 1, rows: 1, columns: 1, dramPlaneStride: 1, dramRowStride: 1)),
        .end(layer: 0),
    ]

    @Test func streamIsTheInstructionsBackToBack() throws {
        let bytes = try InstructionStream.encode(Self.stream)
        #expect(bytes.count == 64 * Self.stream.count)
        #expect(bytes == (try Self.stream.flatMap { try $0.encoded() }))
        #expect(try InstructionStream.decode(bytes) == Self.stream)
    }

    @Test func emptyStreamRoundTrips() throws {
        #expect(try InstructionStream.encode([]) == [])
        #expect(try InstructionStream.decode([]) == [])
    }

    @Test func lengthNotAMultipleOf64IsRefused() throws {
        let bytes = try InstructionStream.encode(Self.stream)
        for length in [1, 63, 130, bytes.count - 1] {
            #expect {
                _ = try InstructionStream.decode(Array(bytes.prefix(length)))
            } throws: { error in
                guard case AcceleratorError.illegalEncoding(let instruction, let reason) = error else { return false }
                return instruction == length / 64 && reason.contains("\(length) bytes")
            }
        }
    }

    @Test func decodingErrorsNameTheInstruction() throws {
        var bytes = try InstructionStream.encode(Self.stream)
        bytes[2 * 64] = (bytes[2 * 64] & 0xF0) | 0x0C
        #expect {
            _ = try InstructionStream.decode(bytes)
        } throws: { error in
            guard case AcceleratorError.illegalEncoding(let instruction, let reason) = error else { return false }
            return instruction == 2 && reason.contains("opcode 12")
        }
    }

    @Test func encodingErrorsNameTheField() throws {
        var stream = Self.stream
        stream.insert(.end(layer: 70_000), at: 1)
        #expect(throws: AcceleratorError.fieldOutOfRange(mnemonic: "END", field: "layer", value: 70_000, bits: 16, layer: 70_000)) {
            _ = try InstructionStream.encode(stream)
        }
    }
}
