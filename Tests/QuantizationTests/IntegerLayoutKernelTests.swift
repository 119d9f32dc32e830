@testable import IR
import Testing
@testable import Quantization

@Suite("IntegerLayoutKernel")
struct IntegerLayoutKernelTests {
    @Test func concatRescalesEachInputAlongTheAxis() {
        let a: (values: [Int32], dims: [Int]) = ([1, 2, 3, 4], [2, 2])
        let b: (values: [Int32], dims: [Int]) = ([10, 20, 30, 40, 50, 60], [2, 3])
        // a keeps its scale (2^30 / 2^30), b is halved: 5, 10, 15, 20, 25, 30 (ties up), minus zero point.
        let output = IntegerLayoutKernel.concat([a, b], axis: 1,
                                                rescales: [QuantizedRescale(zeroPoint: 0, multiplier: 1 << 30),
                                                           QuantizedRescale(zeroPoint: 1, multiplier: 1 << 29)],
                                                shift: 30, outputZeroPoint: 0, clamp: -128...127)
        // (10 − 1)/2 = 4.5 → 5, (20 − 1)/2 = 9.5 → 10, …
        #expect(output == [1, 2, 5, 10, 15, 3, 4, 20, 25, 30])
    }

    @Test func sliceChannelsTakesConsecutiveChannelsOfEachImage() {
        // Two images of four channels of two elements: channels 1 and 2 of each.
        let input: [Int32] = Array(0..<16)
        #expect(IntegerLayoutKernel.sliceChannels(input, dims: [2, 4, 2], start: 1, count: 2) == [2, 3, 4, 5, 10, 11, 12, 13])
    }

    @Test func channelShuffleMatchesReshapeTransposeReshape() {
        // Reference: view [N, g, C/g, P], swap axes 1 and 2, written as direct loops.
        let (images, groups, perGroup, plane) = (2, 3, 2, 2)
        let channels = groups * perGroup
        let input: [Int32] = Array(0..<Int32(images * channels * plane))
        var expected: [Int32] = []
        for image in 0..<images {
            for j in 0..<perGroup {
                for i in 0..<groups {
                    for p in 0..<plane { expected.append(input[((image * groups + i) * perGroup + j) * plane + p]) }
                }
            }
        }
        #expect(IntegerLayoutKernel.channelShuffle(input, dims: [images, channels, 1, plane], groups: groups) == expected)
    }

    @Test func padFillsWithTheGivenValue() {
        let output = IntegerLayoutKernel.pad([1, 2, 3, 4], dims: [1, 1, 2, 2], pads: [0, 0, 1, 0, 0, 0, 0, 1], value: -9,
                                             outputDims: [1, 1, 3, 3])
        #expect(output == [-9, -9, -9, 1, 2, -9, 3, 4, -9])
    }
}
