import Backend
import IR
import Testing
@testable import Runtime

@Suite struct Int8GemmKernelTests {
    /// Strided, dilated tiles with channel counts that do not fill the four-row passes, one large
    /// enough to split across the cores, against a naive loop over the instruction's pseudocode.
    @Test(arguments: [(5, 3, 4, 6, 3, 2, 1), (7, 2, 5, 3, 1, 1, 2), (64, 32, 8, 8, 3, 1, 1)])
    func matchesTheInstructionPseudocode(shape: (Int, Int, Int, Int, Int, Int, Int)) {
        let (outputChannels, inputChannels, rows, columns, kernel, stride, dilation) = shape
        var gemm = GemmInstruction(layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: true, inputAddress: 3,
                                   inputPlanePitch: 0, inputRowPitch: 0, weightAddress: 5, accumulatorAddress: 0,
                                   outputChannels: outputChannels, inputChannels: inputChannels, outputRows: rows,
                                   outputColumns: columns, kernelHeight: kernel, kernelWidth: kernel, strideHeight: stride,
                                   strideWidth: stride, dilationHeight: dilation, dilationWidth: dilation)
        gemm.inputRowPitch = gemm.inputColumns + 1
        gemm.inputPlanePitch = gemm.inputRows * gemm.inputRowPitch + 2
        var generator = SeededGenerator(seed: UInt64(outputChannels))
        let inputBytes = 3 + inputChannels * gemm.inputPlanePitch
        let weightBytes = 5 + outputChannels * inputChannels * kernel * kernel
        var input = DeviceMemory(name: "input buffer", size: inputBytes)
        input.replace(at: 0, with: (0..<inputBytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        var weights = DeviceMemory(name: "weight buffer", size: weightBytes)
        weights.replace(at: 0, with: (0..<weightBytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let signed = { (memory: DeviceMemory, address: Int) in Int32(Int8(bitPattern: memory.bytes[address])) }
        var expected: [Int32] = []
        for m in 0..<outputChannels {
            for y in 0..<rows {
                for x in 0..<columns {
                    var sum: Int32 = 0
                    for c in 0..<inputChannels {
                        for ky in 0..<kernel {
                            for kx in 0..<kernel {
                                let i = signed(input, 3 + c * gemm.inputPlanePitch
                                    + (y * stride + ky * dilation) * gemm.inputRowPitch + x * stride + kx * dilation)
                                let w = signed(weights, 5 + ((m * inputChannels + c) * kernel + ky) * kernel + kx)
                                sum &+= i * w
                            }
                        }
                    }
                    expected.append(sum)
                }
            }
        }
        #expect(Int8GemmKernel(gemm: gemm).sums(input: input, weights: weights) == expected)
    }
}
