import Accelerator
import Testing

@Suite struct PEArrayPassesTests {
    static let arrays = [PEArray(po: 16, pi: 24, pk: 1, pp: 2), PEArray(po: 8, pi: 3, pk: 3, pp: 4), PEArray(po: 1, pi: 1, pk: 1, pp: 1)]

    /// Counts the passes by walking the array's groups one at a time: every group of `Po` output
    /// channels, `Pi` input channels, `Pk` taps and `Pp` pixels is one pass, however full.
    static func walkedDensePasses(_ a: PEArray, outputChannels: Int, inputChannels: Int, taps: Int, pixels: Int) -> Int {
        var passes = 0
        for _ in stride(from: 0, to: outputChannels, by: a.po) {
            for _ in stride(from: 0, to: inputChannels, by: a.pi) {
                for _ in stride(from: 0, to: taps, by: a.pk) {
                    for _ in stride(from: 0, to: pixels, by: a.pp) { passes += 1 }
                }
            }
        }
        return passes
    }

    /// A depthwise walk: each group of `Po` channels covers `Pi·Pk·Pp` pixels a pass, one tap after
    /// another.
    static func walkedDepthwisePasses(_ a: PEArray, outputChannels: Int, taps: Int, pixels: Int) -> Int {
        var passes = 0
        for _ in stride(from: 0, to: outputChannels, by: a.po) {
            for _ in stride(from: 0, to: pixels, by: a.pi * a.pk * a.pp) {
                for _ in 0..<taps { passes += 1 }
            }
        }
        return passes
    }

    @Test(arguments: arrays) func denseMatchesAWalkOfTheGroups(array: PEArray) {
        for (co, ci, taps, pixels) in [(64, 3, 9, 224), (1, 1, 1, 1), (17, 25, 7, 13), (512, 512, 1, 49)] {
            #expect(array.densePasses(outputChannels: co, inputChannels: ci, taps: taps, pixels: pixels)
                    == Self.walkedDensePasses(array, outputChannels: co, inputChannels: ci, taps: taps, pixels: pixels))
        }
    }

    @Test(arguments: arrays) func depthwiseMatchesAWalkOfTheTaps(array: PEArray) {
        for (channels, taps, pixels) in [(32, 9, 112 * 112), (1, 1, 1), (17, 25, 13), (96, 9, 49)] {
            #expect(array.depthwisePasses(outputChannels: channels, taps: taps, pixels: pixels)
                    == Self.walkedDepthwisePasses(array, outputChannels: channels, taps: taps, pixels: pixels))
        }
    }
}
