@testable import Backend
import IR
import Testing
import Accelerator
import Quantization

@Suite struct KernelFoldTests {
    /// VGG16's conv1_1: 3 channels, 3×3, pad 1, over 224×224.
    static let conv1 = PlaneGeometry(window: QuantizedWindow(kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1],
                                                             inputSize: [224, 224], outputSize: [224, 224]),
                                     inputChannels: 3, outputChannels: 64)

    /// Folded passes per 16-channel group: ceil(27·50176/48) = 28224 against 1·3·25088 unfolded
    /// on zc706 (16 × 8 × 3 × 2), where the load unit then reads 27·50176 bytes (48 384 cycles at
    /// 28 B/cycle): 64 channels take 112,896 passes or 48,384 + 1,224 load cycles folded, 301,056
    /// passes unfolded; on
    /// seed000 its 3×3 window unit already reduces 9 taps a pass: 27·50176/126 ≈ 10752 against
    /// 3·ceil(50176/14) = 10752, no gain. A small layer gains fewer passes than its loads cost.
    @Test func foldsWhereTheArrayWouldIdle() throws {
        let fold = try #require(KernelFold(window: Self.conv1, target: .shipped("zc706"), elementBytes: 1))
        #expect(fold.geometry.inputChannels == 27 && fold.geometry.windowTaps == 1)
        #expect(fold.geometry.inputHeight == 224 && fold.geometry.paddedWidth == 224)
        #expect(KernelFold(window: Self.conv1, target: .shipped("seed000"), elementBytes: 1) == nil)
        var strided = Self.conv1
        strided.strideWidth = 2
        #expect(KernelFold(window: strided, target: .shipped("zc706"), elementBytes: 1) == nil, "a LOAD reads contiguous columns")
        let small = PlaneGeometry(window: QuantizedWindow(kernel: [3, 3], strides: [1, 1], dilations: [1, 1], pads: [1, 1, 1, 1],
                                                          inputSize: [6, 6], outputSize: [6, 6]),
                                  inputChannels: 2, outputChannels: 8)
        #expect(KernelFold(window: small, target: .shipped("vta"), elementBytes: 1) == nil, "324 passes unfolded; 6 LOADs of 116 cycles folded")
    }

    /// Plane 14 = channel 1, tap 5 = (ky 1, kx 2).
    @Test func planesAreChannelMajor() throws {
        let fold = try #require(KernelFold(window: Self.conv1, target: .shipped("vta"), elementBytes: 1))
        #expect(fold.source(ofPlane: 14) == (1, 1, 2))
    }

    /// Row stride 2, row dilation 2, pad top 3, input height 40: output row y reads input row
    /// 2y + 2ky − 3: for ky = 0 inside from y = 2 (row 1) to the last output row.
    @Test func validRowsAndColumnsLeaveThePaddingOut() throws {
        let window = PlaneGeometry(window: QuantizedWindow(kernel: [5, 3], strides: [2, 1], dilations: [2, 1], pads: [3, 1, 2, 0],
                                                           inputSize: [40, 40], outputSize: [19, 39]),
                                   inputChannels: 2, outputChannels: 12)
        let fold = try #require(KernelFold(window: window, target: .shipped("vta"), elementBytes: 1))
        #expect(fold.validRows(0..<19, ky: 0) == 2..<19)
        #expect(fold.validRows(0..<19, ky: 4) == 0..<18, "2y + 8 − 3 < 40 up to y = 17, which reads row 39")
        #expect(fold.validRows(0..<1, ky: 0) == 0..<0)
        #expect(fold.validColumns(0..<39, kx: 0) == 1..<39)
        #expect(fold.validColumns(0..<39, kx: 2) == 0..<39)
    }

    /// A tile clear of the left and right padding takes one LOAD per channel and kernel row; the
    /// left-edge tile splits kx = 0 (one column of padding) from kx = 1, 2.
    @Test func loadsShareChannelAndKernelRow() throws {
        let fold = try #require(KernelFold(window: Self.conv1, target: .shipped("zc706"), elementBytes: 1))
        #expect(fold.loadCount(planes: 0..<27, columns: 32..<64) == 9)
        #expect(fold.loadCount(planes: 0..<27, columns: 0..<32) == 18)
        #expect(fold.loadCount(planes: 0..<27, columns: 0..<224) == 27)
        #expect(fold.loadCount(planes: 4..<10, columns: 32..<64) == 3, "planes 4–5 (c 0, ky 1), 6–8 (c 0, ky 2), 9 (c 1, ky 0)")
    }
}
