import Testing
@testable import Accelerator

@Suite struct DisassemblerTests {
    static let stream: [Instruction] = [
        .load(LoadInstruction(dependencies: DependencyFlags(pushNext: true), layer: 0, buffer: .input, elementBytes: 1,
                              dramAddress: 0x1000, sramAddress: 0x40, depth: 3, rows: 4, columns: 5, dramPlaneStride: 20,
                              dramRowStride: 5, padTop: 1, padBottom: 1, padLeft: 1, padRight: 1, padValue: -128)),
        .gemm(GemmInstruction(dependencies: DependencyFlags(popPrevious: true), layer: 0, elementBytes: 1, accumulatorBytes: 4,
                              reset: true, inputAddress: 0x40, inputPlanePitch: 42, inputRowPitch: 7, weightAddress: 0x100,
                              accumulatorAddress: 0, outputChannels: 2, inputChannels: 3, outputRows: 4, outputColumns: 5,
                              kernelHeight: 3, kernelWidth: 3, strideHeight: 1, strideWidth: 1, dilationHeight: 1,
                              dilationWidth: 1)),
        .post(PostInstruction(dependencies: DependencyFlags(pushNext: true), layer: 0, elementBytes: 1, accumulatorBytes: 4,
                              accumulatorAddress: 0, parameterAddress: 0, channels: 2, rows: 4, columns: 5,
                              requantization: .multiplier, saturate: true, outputZeroPoint: -3, clampLow: -128, clampHigh: 127,
                              destination: StridedDestination(buffer: .output, address: 0x20, planePitch: 20, rowPitch: 5))),
        .store(StoreInstruction(dependencies: DependencyFlags(popPrevious: true, pushPrevious: true), layer: 0, elementBytes: 1,
                                sramAddress: 0x20, dramAddress: 0x12_3456_789A, depth: 2, rows: 4, columns: 5,
                                dramPlaneStride: 20, dramRowStride: 5)),
        .sync(SyncInstruction(dependencies: DependencyFlags(popNext: true, pushPrevious: true), layer: 1, unit: .compute)),
        .end(layer: 7),
    ]

    @Test func smallStream() {
        let expected = """
                 0 load    LOAD  [push:compute] elementBytes=1 dramAddress=dram@0x00001000 sramAddress=in@0x0040 depth=3 rows=4 columns=5 dramPlaneStride=20 dramRowStride=5 padTop=1 padBottom=1 padLeft=1 padRight=1 padValue=-128 ; conv1_1
                 1 compute GEMM  [pop:load] elementBytes=1 accumulatorBytes=4 reset=true inputAddress=in@0x0040 inputPlanePitch=42 inputRowPitch=7 weightAddress=wgt@0x0100 accumulatorAddress=acc@0x0000 outputChannels=2 inputChannels=3 outputRows=4 outputColumns=5 kernelHeight=3 kernelWidth=3 strideHeight=1 strideWidth=1 dilationHeight=1 dilationWidth=1 depthwise=false ; conv1_1
                 2 compute POST  [push:store] elementBytes=1 accumulatorBytes=4 accumulatorAddress=acc@0x0000 parameterAddress=wgt@0x0000 channels=2 rows=4 columns=5 requantization=multiplier saturate=true outputZeroPoint=-3 clampLow=-128 clampHigh=127 destination.address=out@0x0020 destination.planePitch=20 destination.rowPitch=5 ; conv1_1
                 3 store   STORE [pop:compute push:compute] elementBytes=1 sramAddress=out@0x0020 dramAddress=dram@0x123456789a depth=2 rows=4 columns=5 dramPlaneStride=20 dramRowStride=5 ; conv1_1
                 4 compute SYNC  [pop:store push:load] unit=compute ; pool1
                 5 -       END   [] ; #7

            """
        #expect(Disassembler.text(Self.stream, layerNames: ["conv1_1", "pool1"]) == expected)
    }

    @Test func poolAndALULines() {
        let pool = Instruction.pool(PoolInstruction(
            dependencies: DependencyFlags(popPrevious: true), layer: 2, elementBytes: 1, kind: .average, inputAddress: 0,
            inputPlanePitch: 16, inputRowPitch: 4, channels: 2, outputRows: 2, outputColumns: 2, kernelHeight: 2,
            kernelWidth: 2, strideHeight: 2, strideWidth: 2, inputZeroPoint: -1, outputZeroPoint: 2, multiplier: 1 << 30,
            shift: 32, clampLow: -128, clampHigh: 127,
            destination: StridedDestination(buffer: .output, address: 0, planePitch: 4, rowPitch: 2)))
        #expect(Disassembler.line(pool, index: 9, layerName: "pool2") ==
            "     9 compute POOL  [pop:load] elementBytes=1 kind=average inputAddress=in@0x0000 inputPlanePitch=16 inputRowPitch=4 channels=2 outputRows=2 outputColumns=2 kernelHeight=2 kernelWidth=2 strideHeight=2 strideWidth=2 inputZeroPoint=-1 outputZeroPoint=2 multiplier=1073741824 shift=32 clampLow=-128 clampHigh=127 destination.address=out@0x0000 destination.planePitch=4 destination.rowPitch=2 ; pool2")
        let alu = Instruction.alu(ALUInstruction(
            layer: 3, elementBytes: 1, operation: .clamp, inputAddress: 0x10, inputPlanePitch: 9, inputRowPitch: 3, channels: 1,
            rows: 3, columns: 3, tableAddress: 0, clampLow: 0, clampHigh: 127,
            destination: StridedDestination(buffer: .input, address: 0x1234, planePitch: 9, rowPitch: 3)))
        #expect(Disassembler.line(alu, index: 12_345_678, layerName: "relu") ==
            "12345678 compute ALU   [] elementBytes=1 operation=clamp inputAddress=in@0x0010 inputPlanePitch=9 inputRowPitch=3 channels=1 rows=3 columns=3 tableAddress=wgt@0x0000 clampLow=0 clampHigh=127 destination.address=in@0x1234 destination.planePitch=9 destination.rowPitch=3 ; relu")
    }

    @Test func tokenBitWithoutANeighbourShowsAQuestionMark() {
        let sync = Instruction.sync(SyncInstruction(dependencies: DependencyFlags(popPrevious: true, pushNext: true), layer: 0,
                                                    unit: .load))
        #expect(Disassembler.line(sync, index: 0, layerName: "x") == "     0 load    SYNC  [pop:? push:compute] unit=load ; x")
    }

    @Test func decodedStreamDisassemblesTheSame() throws {
        let decoded = try InstructionStream.decode(try InstructionStream.encode(Self.stream))
        #expect(Disassembler.text(decoded, layerNames: ["a", "b"]) == Disassembler.text(Self.stream, layerNames: ["a", "b"]))
    }
}
